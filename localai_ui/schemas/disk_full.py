"""The error of a write that found its disk full; an OSError too, so code that tolerates a failed write still does."""

import errno
from pathlib import Path

from localai_ui.schemas.errors import LocalAIError

MB = 2**20
FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class DiskFullError(LocalAIError, OSError):
	"""A write into `folder` failed for lack of space; the message says how much is left and where."""

	def __init__(self, folder: Path, free_bytes: int | None) -> None:
		free = 'no space' if free_bytes is None else f'{free_bytes // MB} MB'
		self.message = f'disk full: {free} free in {folder}; free some space there and try again'
		super().__init__(errno.ENOSPC, self.message)
		self.folder = folder
		self.free_bytes = free_bytes

	def __str__(self) -> str:
		return self.message
