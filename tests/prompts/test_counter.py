"""The token counter under the prompt boxes, from a model folder's tokenizer files alone."""

import json
from pathlib import Path

import pytest

from localai_ui.cores.prompts.counter import TokenCounter, count_tokens
from localai_ui.cores.prompts.vocabulary import load_vocabulary
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.prompts import EmbeddingInfo, TokenCount
from tests.prompts.helpers import byte_vocabulary
from tests.tiny_models import byte_tokenizer


def test_counts_like_a1111() -> None:
	vocabulary = byte_vocabulary()
	assert count_tokens('', vocabulary) == TokenCount(0, 75)
	assert count_tokens('(abc:1.4) [d]', vocabulary) == TokenCount(4, 75)  # the syntax itself costs nothing
	assert count_tokens('x' * 80, vocabulary).label == '80/150'
	assert count_tokens('a BREAK b', vocabulary) == TokenCount(76, 150)


def test_an_embedding_counts_its_vectors(tmp_path: Path) -> None:
	info = EmbeddingInfo('emb', tmp_path / 'emb.safetensors', Family.SD1, 8, (32,))
	assert count_tokens('a emb', byte_vocabulary(), [info]) == TokenCount(9, 75)


def test_the_counter_reads_a_model_folders_tokenizer(tiny_models_dir: Path, tmp_path: Path) -> None:
	counter = TokenCounter()
	sd1 = ModelInfo('tiny-sd15', tiny_models_dir / 'tiny-sd15', Family.SD1)
	sdxl_emb = EmbeddingInfo('emb', tmp_path / 'emb.safetensors', Family.SDXL, 8, (32, 32))
	assert counter.count('x' * 100, sd1) == TokenCount(100, 150)
	assert counter.count('emb', sd1, [sdxl_emb]) == TokenCount(3, 75)  # an SDXL embedding is text for SD1.x
	assert counter.vocabulary(sd1) is counter.vocabulary(sd1)


def test_vocab_and_merges_files_work_too(tmp_path: Path) -> None:
	vocab = byte_tokenizer().get_vocab()
	(tmp_path / 'vocab.json').write_text(json.dumps(vocab), encoding='utf-8')
	(tmp_path / 'merges.txt').write_text('#version: 0.2\n', encoding='utf-8')
	vocabulary = load_vocabulary(tmp_path)
	assert vocabulary.encode(['ab']) == byte_vocabulary().encode(['ab'])
	assert (vocabulary.start, vocabulary.end, vocabulary.comma) == (512, 513, 267)


def test_a_folder_without_tokenizer_files_is_named(tmp_path: Path) -> None:
	with pytest.raises(ValueError, match=f'{tmp_path}: no CLIP tokenizer files'):
		load_vocabulary(tmp_path)
