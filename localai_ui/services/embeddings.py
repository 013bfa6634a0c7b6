"""Textual inversion files in the embeddings folder: what each holds, read from headers, with errors per file."""

from collections.abc import Mapping
from pathlib import Path

from localai_ui.schemas.models import Architecture
from localai_ui.schemas.prompts import CHUNK_TOKENS, EmbeddingFileError, EmbeddingInfo, EmbeddingScan
from localai_ui.services.embeddings_header import read_tensor_shapes

EMBEDDING_SUFFIX = '.safetensors'
PICKLE_SUFFIXES = ('.pt', '.bin', '.ckpt')
SDXL_KEYS = ('clip_l', 'clip_g')  # SDXL's two encoders, in the pipeline's order
SD1_KEYS = ('emb_params',)


def embedding_keys(shapes: Mapping[str, tuple[int, ...]]) -> tuple[Architecture, tuple[str, ...]]:
	"""Which layout a file uses and its tensor name per text encoder; ValueError when it is no textual inversion."""
	if all(key in shapes for key in SDXL_KEYS):
		return Architecture.SDXL, SDXL_KEYS
	if 'emb_params' in shapes:
		return Architecture.SD1, SD1_KEYS
	spread = [key for key in shapes if key.startswith('string_to_param')]
	if len(spread) == 1:
		return Architecture.SD1, (spread[0],)
	if len(shapes) == 1:  # a diffusers concept: one tensor named after its token
		return Architecture.SD1, (next(iter(shapes)),)
	found = ', '.join(sorted(shapes)[:6]) or 'no tensors'
	raise ValueError(f'not a textual inversion (expected emb_params, string_to_param, clip_l + clip_g; found {found})')


def vector_shape(shape: tuple[int, ...]) -> tuple[int, int]:
	"""(vectors, dims) of one tensor: a 1-D tensor is one vector."""
	if len(shape) == 1:
		return 1, shape[0]
	if len(shape) == 2:
		return shape[0], shape[1]
	raise ValueError(f'a tensor of shape {list(shape)} is not a list of vectors')


def describe_embedding(path: Path) -> EmbeddingInfo:
	"""What `path` holds; EmbeddingFileError naming the file when it cannot be used."""
	if path.suffix.lower() in PICKLE_SUFFIXES:
		raise EmbeddingFileError(f'{path.name}: pickle embeddings can run code when loaded; convert it to .safetensors')
	try:
		shapes = read_tensor_shapes(path)
		architecture, keys = embedding_keys(shapes)
		sizes = [vector_shape(shapes[key]) for key in keys]
	except (OSError, ValueError) as error:
		raise EmbeddingFileError(f'{path.name}: {error}') from error
	counts = {count for count, _ in sizes}
	if len(counts) != 1:
		raise EmbeddingFileError(f'{path.name}: its encoders have different vector counts {sorted(counts)}')
	vectors = counts.pop()
	if not 1 <= vectors <= CHUNK_TOKENS:
		raise EmbeddingFileError(f'{path.name}: {vectors} vectors; an embedding must have 1 to {CHUNK_TOKENS}')
	return EmbeddingInfo(path.stem, path, architecture, vectors, tuple(dims for _, dims in sizes))


def scan_embeddings(folder: Path) -> EmbeddingScan:
	"""Every embedding file under `folder` (subfolders too), sorted by name; unusable files become problems."""
	found: dict[str, EmbeddingInfo] = {}
	problems: list[str] = []
	files = sorted(folder.rglob('*')) if folder.is_dir() else []
	for path in files:
		suffix = path.suffix.lower()
		if not path.is_file() or (suffix != EMBEDDING_SUFFIX and suffix not in PICKLE_SUFFIXES):
			continue
		try:
			info = describe_embedding(path)
		except EmbeddingFileError as error:
			problems.append(str(error))
			continue
		if info.name.casefold() in found:
			problems.append(f'{path.name}: same name as {found[info.name.casefold()].path}; rename one of them')
		else:
			found[info.name.casefold()] = info
	embeddings = sorted(found.values(), key=lambda info: info.name.casefold())
	return EmbeddingScan(tuple(embeddings), tuple(problems))


def list_embeddings(folder: Path) -> list[EmbeddingInfo]:
	"""The usable embeddings under `folder`, for the UI's list (problems are in `scan_embeddings`)."""
	return list(scan_embeddings(folder).embeddings)
