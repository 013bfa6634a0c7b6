"""Writes files so a crash or a full disk leaves either the old file or the new one, never half of one."""

import os
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644


def write_atomic(path: Path, data: bytes) -> None:
	"""Write data to path through a synced temp file in the same folder, then rename it over path."""
	path.parent.mkdir(parents=True, exist_ok=True)
	mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
	descriptor, temp_name = tempfile.mkstemp(prefix=f'.{path.name}.', suffix='.tmp', dir=path.parent)
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


def sync_folder(folder: Path) -> None:
	"""Make the rename itself durable; Windows cannot open a folder for fsync and needs no such step."""
	if os.name != 'posix':
		return
	descriptor = os.open(folder, os.O_RDONLY)
	try:
		os.fsync(descriptor)
	finally:
		os.close(descriptor)
