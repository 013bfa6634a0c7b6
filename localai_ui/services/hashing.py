"""File hashes as A1111 shows them: the full sha256 and AutoV2, its first 10 hex digits."""

import hashlib
from collections.abc import Callable
from pathlib import Path

from localai_ui.cores.pipeline.cancel import CancelToken

CHUNK_BYTES = 4 * 1024 * 1024
AUTOV2_DIGITS = 10

Progress = Callable[[int], None]


class HashCancelledError(Exception):
	"""Hashing stopped because its cancel token was set (the app is closing)."""


def autov2(sha256: str) -> str:
	"""A1111's short model hash: the first 10 hex digits of the file's sha256."""
	return sha256[:AUTOV2_DIGITS]


def sha256_file(path: Path, *, progress: Progress | None = None, cancel: CancelToken | None = None) -> str:
	"""The sha256 of `path` read in 4 MiB chunks; `progress` gets the bytes read so far after each chunk."""
	digest = hashlib.sha256()
	done = 0
	with path.open('rb', buffering=0) as file:
		buffer = bytearray(CHUNK_BYTES)
		view = memoryview(buffer)
		while read := file.readinto(buffer):
			digest.update(view[:read])
			done += read
			if progress is not None:
				progress(done)
			if cancel is not None and cancel.cancelled:
				raise HashCancelledError(f'{path.name}: hashing cancelled')
	return digest.hexdigest()
