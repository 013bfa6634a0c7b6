"""Listing a library folder so that one odd entry never stops a scan: each entry is looked at on its own.

Never opened: FIFOs, sockets and devices (opening a FIFO blocks forever), dangling links and link loops, names that
are not valid UTF-8. They are listed with the reason when their name says they would be a candidate. Links to
folders are not followed (a link to `/` would walk the whole disk), except a linked diffusers model folder.
"""

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from localai_ui.schemas.assets import AssetFormat
from localai_ui.services.file_intake import PARTIAL_SUFFIX

MAX_DEPTH = 3


class FolderRules(Protocol):
	"""What the walker asks a kind (KindSpec has all of it)."""

	folders: bool

	def candidate(self, name: str) -> AssetFormat | None: ...

	def is_folder_entry(self, path: Path) -> bool: ...

	def skips(self, relative: str) -> bool: ...


@dataclass(frozen=True)
class Entry:
	"""One candidate: `relative` is its POSIX path under the folder; `problem` says why it is never opened."""

	relative: str
	path: Path
	format: AssetFormat
	size: int = 0
	mtime: float = 0.0
	problem: str | None = None


def walk_folder(root: Path, rules: FolderRules) -> list[Entry]:
	"""Every candidate under `root` (subfolders to MAX_DEPTH), sorted by path; a missing folder has none."""
	found = list(_walk(root, root, 0, rules))
	return sorted(found, key=lambda entry: entry.relative.casefold())


def _walk(root: Path, folder: Path, depth: int, rules: FolderRules) -> Iterator[Entry]:
	try:
		children = sorted(os.scandir(folder), key=lambda child: child.name)
	except OSError:
		return
	for child in children:
		if child.name.startswith('.') or child.name.endswith(PARTIAL_SUFFIX):
			continue
		path = Path(child.path)
		relative = path.relative_to(root).as_posix()
		if rules.skips(relative):
			continue
		try:
			yield from _visit(root, path, relative, depth, rules)
		except OSError as error:
			file_format = rules.candidate(child.name)
			if file_format is not None:
				yield Entry(_printable(relative), path, file_format, problem=f'{child.name}: cannot be read: {error}')


def _visit(root: Path, path: Path, relative: str, depth: int, rules: FolderRules) -> Iterator[Entry]:
	file_format = rules.candidate(path.name)
	printable = _printable(relative)
	if printable != relative:
		if file_format is not None:
			yield Entry(
				printable, path, file_format, problem=f'{printable}: the file name is not valid UTF-8; rename it'
			)
		return
	try:
		info = path.stat()
	except OSError as error:
		if file_format is not None and path.is_symlink():
			yield Entry(relative, path, file_format, problem=_link_problem(path, error))
		return
	if stat.S_ISDIR(info.st_mode):
		if rules.folders and rules.is_folder_entry(path):
			yield _folder_entry(relative, path)
		elif not path.is_symlink() and depth < MAX_DEPTH:
			yield from _walk(root, path, depth + 1, rules)
	elif file_format is None:
		return
	elif stat.S_ISREG(info.st_mode):
		yield Entry(relative, path, file_format, info.st_size, info.st_mtime)
	else:
		yield Entry(
			relative, path, file_format, problem=f'{path.name}: not a regular file (a FIFO or device); never opened'
		)


def _folder_entry(relative: str, path: Path) -> Entry:
	"""A diffusers folder: its size is that of its files, its mtime that of model_index.json."""
	size = 0
	for folder, _, files in os.walk(path):
		for name in files:
			try:
				size += os.stat(os.path.join(folder, name)).st_size
			except OSError:
				continue
	return Entry(relative, path, 'diffusers', size, (path / 'model_index.json').stat().st_mtime)


def _link_problem(path: Path, error: OSError) -> str:
	if error.errno == errno.ELOOP:
		return f'{path.name}: a symbolic link that loops back on itself; never opened'
	return f'{path.name}: a link to {os.readlink(path)}, which does not exist (a drive not mounted?)'


def _printable(relative: str) -> str:
	"""The path as text; a name with bytes that are not UTF-8 shows them as \\x escapes."""
	return os.fsencode(relative).decode('utf-8', 'backslashreplace')
