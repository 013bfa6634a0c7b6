"""Writes files so a crash or a full disk leaves either the old file or the new one, never half of one.

A full disk is a DiskFullError that says how much room is left in which folder; the temp files a kill leaves
(`.NAME.XXXXXXXX.tmp`) are recognised by `is_atomic_temp` so startup can remove them.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

from localai_ui.schemas.disk_full import FULL_ERRNOS, DiskFullError

NEW_FILE_MODE = 0o644
TEMP_SUFFIX = '.tmp'
_TEMP_NAME = re.compile(r'\..+\.[A-Za-z0-9_]{8}\.tmp')  # mkstemp's 8 random characters between name and suffix


def write_atomic(path: Path, data: bytes) -> None:
	"""Write data to path through a synced temp file in the same folder, then rename it over path."""
	try:
		_write(path, data)
	except DiskFullError:
		raise
	except OSError as error:
		raise disk_full_or(error, path.parent) from error


def _write(path: Path, data: bytes) -> None:
	path.parent.mkdir(parents=True, exist_ok=True)
	mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
	descriptor, temp_name = tempfile.mkstemp(prefix=f'.{path.name}.', suffix=TEMP_SUFFIX, dir=path.parent)
	temp = Path(temp_name)
	try:
		with os.fdopen(descriptor, 'wb') as file:
			file.write(data)
			file.flush()
			os.fsync(file.fileno())
		# mkstemp makes the file private (0600); give it the mode the target has or a normal file's mode.
		os.chmod(temp, mode)
		os.replace(temp, path)
	except BaseException:
		temp.unlink(missing_ok=True)
		raise
	sync_folder(path.parent)


def disk_full_or(error: OSError, folder: Path) -> OSError:
	"""A DiskFullError naming `folder` and its free space when `error` says the disk is full; else `error`."""
	if error.errno not in FULL_ERRNOS:
		return error
	return DiskFullError(folder, free_bytes(folder))


def free_bytes(folder: Path) -> int | None:
	"""Room left for files in `folder` (its nearest existing parent); None when it cannot be measured."""
	existing = next((candidate for candidate in (folder, *folder.parents) if candidate.is_dir()), None)
	if existing is None:
		return None
	try:
		return shutil.disk_usage(existing).free
	except OSError:
		return None


def is_atomic_temp(name: str) -> bool:
	"""Whether `name` is one of write_atomic's temp files (left behind only when the process was killed)."""
	return _TEMP_NAME.fullmatch(name) is not None


def sync_folder(folder: Path) -> None:
	"""Make the rename itself durable; Windows cannot open a folder for fsync and needs no such step."""
	if os.name != 'posix':
		return
	descriptor = os.open(folder, os.O_RDONLY)
	try:
		os.fsync(descriptor)
	finally:
		os.close(descriptor)
