"""Loading a textual inversion's vectors, one tensor per text encoder, from a .safetensors file."""

from dataclasses import dataclass, replace

import torch
from safetensors import SafetensorError
from safetensors.torch import load

from localai_ui.schemas.assets import Family
from localai_ui.schemas.prompts import EmbeddingFileError, EmbeddingInfo
from localai_ui.services.embedding_files.describe import describe_embedding, embedding_keys


@dataclass(frozen=True)
class LoadedEmbedding:
	"""An embedding's vectors as (count, dims) tensors, in the order of the pipeline's text encoders."""

	info: EmbeddingInfo
	vectors: tuple[torch.Tensor, ...]

	@property
	def name(self) -> str:
		return self.info.name

	def fits(self, family: Family, dims: tuple[int, ...]) -> bool:
		"""Whether it was trained for this kind of model (same layout, same width per encoder)."""
		return self.info.family is family and self.info.dims == dims


def load_embedding(info: EmbeddingInfo) -> LoadedEmbedding:
	"""The vectors of `info`'s file; EmbeddingFileError naming the file when it cannot be read."""
	described = describe_embedding(info.path).details
	try:
		tensors = load(info.path.read_bytes())
	except (OSError, SafetensorError) as error:
		raise EmbeddingFileError(f'{info.path.name}: cannot read it: {error}') from error
	_, keys = embedding_keys({name: tuple(tensor.shape) for name, tensor in tensors.items()})
	vectors = tuple(tensors[key].reshape(described.vectors, -1).detach() for key in keys)
	return LoadedEmbedding(replace(info, vectors=described.vectors, dims=described.dims), vectors)
