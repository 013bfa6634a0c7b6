"""File hashes as A1111 shows them: the full sha256, AutoV2 (its first 10 hex), and kohya's LoRA "addnet" hash."""

import hashlib
from collections.abc import Callable
from pathlib import Path

from localai_ui.schemas.assets import FileHashes
from localai_ui.schemas.cancel import CancelToken

CHUNK_BYTES = 4 * 1024 * 1024
AUTOV2_DIGITS = 10
ADDNET_DIGITS = 12
_LENGTH_BYTES = 8

Progress = Callable[[int], None]


class HashCancelledError(Exception):
	"""Hashing stopped because its cancel token was set (the app is closing)."""


def autov2(sha256: str) -> str:
	"""A1111's short model hash: the first 10 hex digits of the file's sha256."""
	return sha256[:AUTOV2_DIGITS]


def sha256_file(path: Path, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> str:
	"""The sha256 of `path` read in 4 MiB chunks; `progress` gets the bytes read so far after each chunk."""
	return file_hashes(path, addnet=False, progress=progress, cancel=cancel).sha256


def file_hashes(
	path: Path, *, addnet: bool, progress: Progress | None = None, cancel: CancelToken | None = None
) -> FileHashes:
	"""sha256 and AutoV2, plus with `addnet` the sha256 of the bytes after the safetensors header, in one pass."""
	whole, data = hashlib.sha256(), hashlib.sha256()
	done = 0
	header_left: int | None = None
	with path.open('rb', buffering=0) as file:
		buffer = bytearray(CHUNK_BYTES)
		view = memoryview(buffer)
		while read := file.readinto(buffer):
			chunk = view[:read]
			whole.update(chunk)
			if addnet:
				if header_left is None:
					header_left = _LENGTH_BYTES + int.from_bytes(bytes(chunk[:_LENGTH_BYTES]), 'little')
				skip = min(header_left, read)
				header_left -= skip
				data.update(chunk[skip:])
			done += read
			if progress is not None:
				progress(done)
			if cancel is not None and cancel.cancelled:
				raise HashCancelledError(f'{path.name}: hashing cancelled')
	digest = whole.hexdigest()
	return FileHashes(digest, autov2(digest), data.hexdigest()[:ADDNET_DIGITS] if addnet else None)
