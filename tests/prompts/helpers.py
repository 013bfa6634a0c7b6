"""Helpers for the prompt tests: the byte tokenizer's vocabulary, embedding files, a tiny model with a real LayerNorm.

The tiny text encoder's final LayerNorm starts at weight 1, bias 0, so every token state has mean ~0 and A1111's
mean restoration divides by ~0; real CLIP models have learned LayerNorm parameters, which `realistic_sd1` imitates.
"""

from pathlib import Path

import torch
from diffusers import StableDiffusionPipeline
from safetensors.torch import save

from localai_ui.cores.prompts.vocabulary import ClipVocabulary
from localai_ui.schemas.prompts import EmbeddingInfo
from localai_ui.services.embedding_files.describe import describe_embedding
from tests.tiny_models import build_sd1, byte_tokenizer

WIDTH = 32  # hidden size of each tiny text encoder


def byte_vocabulary() -> ClipVocabulary:
	return ClipVocabulary(byte_tokenizer())


def token_id(text: str) -> int:
	"""The id of a one-character word ('x' -> 'x</w>') in the byte tokenizer."""
	(only,) = byte_vocabulary().encode([text])
	assert len(only) == 1
	return only[0]


def write_embedding(path: Path, tensors: dict[str, torch.Tensor]) -> Path:
	path.parent.mkdir(parents=True, exist_ok=True)
	path.write_bytes(save({name: tensor.contiguous() for name, tensor in tensors.items()}))
	return path


def realistic_sd1(seed: int = 0) -> StableDiffusionPipeline:
	"""The tiny SD1 pipeline with a seeded, non-trivial final LayerNorm (token states no longer average to 0)."""
	pipeline = build_sd1(seed)
	norm = pipeline.text_encoder.final_layer_norm
	generator = torch.Generator().manual_seed(seed)
	with torch.no_grad():
		norm.weight.copy_(1 + 0.2 * torch.randn(WIDTH, generator=generator))
		norm.bias.copy_(0.3 + 0.2 * torch.randn(WIDTH, generator=generator))
	return pipeline


def embedding_info(path: Path) -> EmbeddingInfo:
	"""What the embeddings library makes of one file, without a library."""
	described = describe_embedding(path)
	return EmbeddingInfo(path.stem, path, described.family, described.details.vectors, described.details.dims)


def embeddings_in(folder: Path) -> tuple[EmbeddingInfo, ...]:
	"""Every usable embedding file directly in `folder` (a run's job carries the ones its prompts name)."""
	return tuple(embedding_info(path) for path in sorted(folder.glob('*.safetensors')))
