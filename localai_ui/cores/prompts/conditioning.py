"""Prompt and negative prompt to the embeddings a diffusers pipeline consumes, the A1111 way, SD1.x and SDXL."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

import torch
from transformers import CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

from localai_ui.cores.loading.pipeline_types import SDXL_PIPELINES, LoadedPipeline
from localai_ui.cores.prompts.attention import parse_prompt_attention
from localai_ui.cores.prompts.chunks import ChunkedPrompt, EmbeddingTokens, PromptChunk, chunk_prompt
from localai_ui.cores.prompts.encoder import EncodedText, EncoderLayer, encode_chunks
from localai_ui.cores.prompts.vocabulary import ClipVocabulary
from localai_ui.schemas.assets import Family
from localai_ui.services.embedding_files.load import LoadedEmbedding

TextEncoder = CLIPTextModel | CLIPTextModelWithProjection


class PooledEmbeds(TypedDict, total=False):
	pooled_prompt_embeds: torch.Tensor | None
	negative_pooled_prompt_embeds: torch.Tensor | None


@dataclass(frozen=True)
class Conditioning:
	"""What replaces prompt text in the pipeline call; negatives are None when CFG is off (scale 1)."""

	prompt_embeds: torch.Tensor
	negative_prompt_embeds: torch.Tensor | None
	pooled_prompt_embeds: torch.Tensor | None = None
	negative_pooled_prompt_embeds: torch.Tensor | None = None

	def pooled_kwargs(self) -> PooledEmbeds:
		"""SDXL's pooled embeddings as pipeline arguments; nothing for SD1.x, whose pipeline takes none."""
		if self.pooled_prompt_embeds is None:
			return PooledEmbeds()
		return PooledEmbeds(
			pooled_prompt_embeds=self.pooled_prompt_embeds,
			negative_pooled_prompt_embeds=self.negative_pooled_prompt_embeds,
		)


def prompt_layer(family: Family, clip_skip: int) -> EncoderLayer:
	"""A1111 clip skip N reads the N-th layer from the end (1 = last, 2 = penultimate; diffusers' clip_skip is N-1).

	SDXL was trained on the penultimate layer and A1111 always reads it there, so 1 and 2 both mean penultimate
	(diffusers' SDXL clip_skip = N-2) and a Civitai infotext's 'Clip skip: 2' reproduces.
	"""
	if family is Family.SDXL:
		return EncoderLayer(max(2, clip_skip), final_norm=False)
	return EncoderLayer(clip_skip, final_norm=True)


def encode_conditioning(
	pipeline: LoadedPipeline,
	*,
	prompt: str,
	negative_prompt: str,
	clip_skip: int,
	guided: bool,
	embeddings: Sequence[LoadedEmbedding] = (),
) -> Conditioning:
	"""Encode both prompts with every text encoder; both get the same number of 77-token chunks."""
	sdxl = isinstance(pipeline, SDXL_PIPELINES)
	family = Family.SDXL if sdxl else Family.SD1
	pairs: list[tuple[TextEncoder, CLIPTokenizer]] = [(pipeline.text_encoder, pipeline.tokenizer)]
	if isinstance(pipeline, SDXL_PIPELINES):
		pairs.append((pipeline.text_encoder_2, pipeline.tokenizer_2))
	dims = tuple(_width(model) for model, _ in pairs)
	usable = [embedding for embedding in embeddings if embedding.fits(family, dims)]
	vocabularies = [ClipVocabulary(tokenizer) for _, tokenizer in pairs]
	zero_negative = sdxl and not negative_prompt.strip() and bool(pipeline.config.get('force_zeros_for_empty_prompt'))
	texts = [prompt] if not guided or zero_negative else [prompt, negative_prompt]
	chunked = [[_chunked(text, vocabulary, usable) for vocabulary in vocabularies] for text in texts]
	count = max(len(item.chunks) for row in chunked for item in row)
	layer = prompt_layer(family, clip_skip)

	def encode(row: list[ChunkedPrompt]) -> tuple[torch.Tensor, torch.Tensor | None]:
		"""Every encoder's states side by side; the pooled output is the last (SDXL's second) encoder's."""
		outputs: list[EncodedText] = []
		for index, ((model, _), vocabulary, item) in enumerate(zip(pairs, vocabularies, row, strict=True)):
			vectors = {embedding.name: embedding.vectors[index] for embedding in usable}
			outputs.append(encode_chunks(model, _padded(item, vocabulary, count), layer, vectors))
		return torch.cat([output.hidden for output in outputs], dim=-1), outputs[-1].pooled

	positive, pooled = encode(chunked[0])
	if not guided:
		return Conditioning(positive, None, pooled, None)
	if zero_negative:
		negative_pooled = torch.zeros_like(pooled) if pooled is not None else None
		return Conditioning(positive, torch.zeros_like(positive), pooled, negative_pooled)
	negative, negative_pooled = encode(chunked[1])
	return Conditioning(positive, negative, pooled, negative_pooled)


def _width(model: TextEncoder) -> int:
	return int(model.config.hidden_size)


def _chunked(text: str, vocabulary: ClipVocabulary, usable: Sequence[LoadedEmbedding]) -> ChunkedPrompt:
	tokens = [EmbeddingTokens(e.name, tuple(vocabulary.encode([e.name])[0]), e.info.vectors) for e in usable]
	return chunk_prompt(parse_prompt_attention(text), vocabulary, tokens)


def _padded(prompt: ChunkedPrompt, vocabulary: ClipVocabulary, count: int) -> list[PromptChunk]:
	"""A1111 pads the shorter of prompt and negative with chunks of the empty prompt."""
	empty = chunk_prompt([], vocabulary).chunks[0]
	return [*prompt.chunks, *[empty] * (count - len(prompt.chunks))]
