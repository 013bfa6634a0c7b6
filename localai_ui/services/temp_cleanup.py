"""Startup cleanup: the temp files write_atomic leaves when the process is killed mid-write (`.NAME.XXXXXXXX.tmp`,
images and thumbnails alike) are removed before anything writes again. Nothing else is touched."""

import os
from collections.abc import Iterable
from pathlib import Path

from localai_ui.services.atomic_files import is_atomic_temp


def remove_atomic_temps(folders: Iterable[Path]) -> list[Path]:
	"""Delete write_atomic's leftovers under each folder and its subfolders (links are not followed); returns them."""
	removed: list[Path] = []
	seen: set[Path] = set()
	for folder in folders:
		for parent, children, files in os.walk(folder):
			here = Path(parent)
			key = _real(here)
			if key in seen:
				children.clear()
				continue
			seen.add(key)
			for name in files:
				path = here / name
				if is_atomic_temp(name) and _removed(path):
					removed.append(path)
	return removed


def _real(folder: Path) -> Path:
	try:
		return folder.resolve()
	except (OSError, RuntimeError):
		return folder


def _removed(path: Path) -> bool:
	"""Only plain files are removed (a link or a FIFO that happens to match the name is left alone)."""
	try:
		if not path.is_file() or path.is_symlink():
			return False
		path.unlink()
	except OSError:
		return False
	return True
