"""Prompts to 77-token chunks as A1111 builds them (the byte tokenizer: one character is one token)."""

import pytest
from transformers import CLIPTokenizer

from localai_ui.cores.prompts.attention import parse_prompt_attention
from localai_ui.cores.prompts.chunks import PLACEHOLDER_ID, ChunkedPrompt, EmbeddingFix, EmbeddingTokens, chunk_prompt
from localai_ui.cores.prompts.vocabulary import ClipVocabulary
from localai_ui.schemas.prompts import TokenCount
from tests.prompts.helpers import byte_vocabulary, token_id
from tests.tiny_models import byte_tokenizer

START, END = 512, 513


def chunked(prompt: str, embeddings: tuple[EmbeddingTokens, ...] = (), backtrack: int = 20) -> ChunkedPrompt:
	return chunk_prompt(parse_prompt_attention(prompt), byte_vocabulary(), embeddings, backtrack)


def test_a_short_prompt_is_one_chunk_with_start_end_and_padding() -> None:
	result = chunked('ab')
	(chunk,) = result.chunks
	assert chunk.tokens[:4] == (START, 64, token_id('b'), END)
	assert len(chunk.tokens) == 77 and set(chunk.tokens[3:]) == {END}
	assert chunk.weights == (1.0,) * 77
	assert result.count == TokenCount(2, 75)


def test_an_empty_prompt_is_one_empty_chunk() -> None:
	result = chunked('')
	assert len(result.chunks) == 1 and result.chunks[0].tokens[:2] == (START, END)
	assert result.count == TokenCount(0, 75) and result.count.label == '0/75'


def test_a_long_prompt_is_cut_every_75_tokens() -> None:
	result = chunked('x' * 99 + 'y')
	assert len(result.chunks) == 2
	first, second = result.chunks
	assert first.tokens[0] == START and first.tokens[76] == END and END not in first.tokens[1:76]
	assert second.tokens[24:27] == (token_id('x') - 256, token_id('y'), END)
	assert result.count == TokenCount(100, 150)


def test_weights_follow_their_tokens_and_specials_stay_at_one() -> None:
	(chunk,) = chunked('a (b:1.5) [c]').chunks
	assert chunk.weights[:6] == (1.0, 1.0, 1.5, pytest.approx(1 / 1.1), 1.0, 1.0)  # spaces are no tokens


def test_break_starts_a_new_chunk_and_counts_the_full_chunk() -> None:
	result = chunked('a BREAK b')
	assert [chunk.tokens[1] for chunk in result.chunks] == [token_id('a'), token_id('b')]
	assert result.count == TokenCount(76, 150)


def test_text_after_a_near_comma_moves_to_the_next_chunk() -> None:
	prompt = 'x' * 70 + ', ' + 'y' * 10  # the comma is token 71; 'yyy' would straddle the boundary
	first, second = chunked(prompt).chunks
	assert first.tokens[71] == token_id(',') and set(first.tokens[72:]) == {END}
	assert second.tokens[1:11] == (token_id('y') - 256,) * 9 + (token_id('y'),)
	without = chunked(prompt, backtrack=0).chunks
	assert without[0].tokens[72:76] == (token_id('y') - 256,) * 4


def test_embeddings_become_placeholders_with_a_fix() -> None:
	emb = EmbeddingTokens('emb', tuple(byte_vocabulary().encode(['emb'])[0]), vectors=2)
	(chunk,) = chunked('a (emb:1.2), embx', (emb,)).chunks
	assert chunk.tokens[2:4] == (PLACEHOLDER_ID, PLACEHOLDER_ID)
	assert chunk.weights[2:4] == (1.2, 1.2)
	assert chunk.fixes == (EmbeddingFix(2, 'emb'),)
	assert result_count(chunked('emb', (emb,))) == 2


def result_count(result: ChunkedPrompt) -> int:
	return result.count.used


def test_an_embedding_that_does_not_fit_starts_the_next_chunk() -> None:
	emb = EmbeddingTokens('emb', tuple(byte_vocabulary().encode(['emb'])[0]), vectors=4)
	first, second = chunked('x' * 73 + ' emb', (emb,), backtrack=0).chunks
	assert first.fixes == () and second.fixes == (EmbeddingFix(1, 'emb'),)


def test_an_embedding_moved_by_the_comma_backtrack_keeps_its_vectors() -> None:
	emb = EmbeddingTokens('emb', tuple(byte_vocabulary().encode(['emb'])[0]), vectors=3)
	first, second = chunked('x' * 70 + ', emb ' + 'y' * 5, (emb,)).chunks
	assert first.fixes == () and second.fixes == (EmbeddingFix(1, 'emb'),)


def test_padding_after_the_end_token_uses_the_tokenizers_pad() -> None:
	tokenizer = byte_tokenizer()
	sdxl_style = CLIPTokenizer(vocab=tokenizer.get_vocab(), merges=[], pad_token='!', model_max_length=77)
	(chunk,) = chunk_prompt(parse_prompt_attention('ab'), ClipVocabulary(sdxl_style)).chunks
	assert chunk.tokens[3] == END and set(chunk.tokens[4:]) == {0}
