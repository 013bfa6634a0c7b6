"""Recognising what a file really is from its first bytes, before anything parses it."""

from pathlib import Path

from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError, pickle_message

PICKLE_SUFFIXES = frozenset({'.ckpt', '.pt', '.pth', '.bin', '.pkl', '.pickle'})
SNIFF_BYTES = 64
_ZIP_MAGIC = b'PK\x03\x04'
_LFS_POINTER = b'version https://git-lfs'
_PICKLE_PROTOCOLS = range(2, 6)


def is_pickle_content(head: bytes) -> bool:
	"""PyTorch's zip format, or a raw pickle stream (PROTO opcode 0x80 followed by its protocol number)."""
	if head.startswith(_ZIP_MAGIC):
		return True
	return len(head) >= 2 and head[0] == 0x80 and head[1] in _PICKLE_PROTOCOLS


def refuse_pickle(path: Path, head: bytes | None = None) -> None:
	"""Raise PickleRefusedError for a pickle by extension or by content; `head` are the file's first bytes."""
	if path.suffix.lower() in PICKLE_SUFFIXES or (head is not None and is_pickle_content(head)):
		raise PickleRefusedError(pickle_message(path.name))


def refuse_foreign(path: Path, head: bytes) -> None:
	"""Raise for content that is clearly not safetensors: a pickle or a Git LFS pointer file."""
	refuse_pickle(path, head)
	if head.startswith(_LFS_POINTER):
		raise ModelFileError(
			f'{path.name}: this is a Git LFS pointer file ({path.stat().st_size} bytes), not the model; '
			'fetch the real file with `git lfs pull` or download it again'
		)
