"""Prompt fidelity: A1111 attention syntax, 75-token chunks, clip skip, textual inversion embeddings."""

from localai_ui.cores.prompts.attention import parse_prompt_attention
from localai_ui.cores.prompts.chunks import ChunkedPrompt, PromptChunk, chunk_prompt
from localai_ui.cores.prompts.conditioning import Conditioning, encode_conditioning, prompt_layer
from localai_ui.cores.prompts.counter import TokenCounter, count_tokens
from localai_ui.cores.prompts.vocabulary import ClipVocabulary, load_vocabulary

__all__ = [
	'ChunkedPrompt',
	'ClipVocabulary',
	'Conditioning',
	'PromptChunk',
	'TokenCounter',
	'chunk_prompt',
	'count_tokens',
	'encode_conditioning',
	'load_vocabulary',
	'parse_prompt_attention',
	'prompt_layer',
]
