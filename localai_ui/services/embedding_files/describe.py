"""What a textual inversion file holds, read from its validated header: layout, family, vectors per encoder."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.prompts import CHUNK_TOKENS, EmbeddingDetails, EmbeddingFileError
from localai_ui.services.safetensors.header import read_header
from localai_ui.services.safetensors.sniff import PICKLE_SUFFIXES

SDXL_KEYS = ('clip_l', 'clip_g')  # SDXL's two encoders, in the pipeline's order
SD1_KEYS = ('emb_params',)
MAX_DIMS = 16384  # CLIP-G is 1280 wide: a file claiming more is not a textual inversion (and may be huge)
Shapes = Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class DescribedEmbedding:
	"""An embedding file's family, what the library keeps of it, and its safetensors metadata."""

	family: Family
	details: EmbeddingDetails
	metadata: Mapping[str, str]


def embedding_keys(shapes: Shapes) -> tuple[Family, tuple[str, ...]]:
	"""Which layout a file uses and its tensor name per text encoder; ValueError when it is no textual inversion."""
	if all(key in shapes for key in SDXL_KEYS):
		return Family.SDXL, SDXL_KEYS
	if 'emb_params' in shapes:
		return Family.SD1, SD1_KEYS
	spread = [key for key in shapes if key.startswith('string_to_param')]
	if len(spread) == 1:
		return Family.SD1, (spread[0],)
	if len(shapes) == 1:  # a diffusers concept: one tensor named after its token
		return Family.SD1, (next(iter(shapes)),)
	found = ', '.join(sorted(shapes)[:6]) or 'no tensors'
	raise ValueError(f'not a textual inversion (expected emb_params, string_to_param, clip_l + clip_g; found {found})')


def vector_shape(shape: tuple[int, ...]) -> tuple[int, int]:
	"""(vectors, dims) of one tensor: a 1-D tensor is one vector."""
	if len(shape) == 1:
		return 1, shape[0]
	if len(shape) == 2:
		return shape[0], shape[1]
	raise ValueError(f'a tensor of shape {list(shape)} is not a list of vectors')


def describe_embedding(path: Path) -> DescribedEmbedding:
	"""What `path` holds; EmbeddingFileError naming the file when it cannot be used."""
	if path.suffix.lower() in PICKLE_SUFFIXES:
		raise EmbeddingFileError(f'{path.name}: pickle embeddings can run code when loaded; convert it to .safetensors')
	try:
		header = read_header(path)
		family, keys = embedding_keys({name: entry.shape for name, entry in header.tensors.items()})
		sizes = [vector_shape(header.tensors[key].shape) for key in keys]
	except LocalAIError as error:
		raise EmbeddingFileError(str(error)) from error
	except ValueError as error:
		raise EmbeddingFileError(f'{path.name}: {error}') from error
	counts = {count for count, _ in sizes}
	if len(counts) != 1:
		raise EmbeddingFileError(f'{path.name}: its encoders have different vector counts {sorted(counts)}')
	vectors = counts.pop()
	if not 1 <= vectors <= CHUNK_TOKENS:
		raise EmbeddingFileError(f'{path.name}: {vectors} vectors; an embedding must have 1 to {CHUNK_TOKENS}')
	if any(not 1 <= dims <= MAX_DIMS for _, dims in sizes):
		widths = sorted({dims for _, dims in sizes})
		raise EmbeddingFileError(f'{path.name}: vectors {widths} wide; a text encoder takes 1 to {MAX_DIMS:,}')
	details = EmbeddingDetails(vectors=vectors, dims=tuple(dims for _, dims in sizes))
	return DescribedEmbedding(family, details, header.metadata)
