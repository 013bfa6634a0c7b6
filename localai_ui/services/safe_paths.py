"""Paths a user types (import path, new name, delete target) kept inside the configured folders.

`..`, absolute paths and symlinks that resolve outside are refused with UnsafePathError.
"""

from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from localai_ui.schemas.file_errors import UnsafePathError

_FORBIDDEN_NAME_CHARACTERS = frozenset('/\\:*?"<>|\0')


def inside(root: Path, user_path: str) -> Path:
	"""`user_path` (relative) under `root`, resolved; refused when it could leave `root`."""
	text = user_path.strip()
	if not text or '\0' in text:
		raise UnsafePathError('an empty path was given: name a file inside the folder')
	posix, windows = PurePosixPath(text), PureWindowsPath(text)
	if posix.is_absolute() or windows.is_absolute() or windows.drive or text.startswith(('/', '\\', '~')):
		raise UnsafePathError(f'{text}: absolute paths are refused; give a path relative to {root}')
	if '..' in posix.parts or '..' in windows.parts:
		raise UnsafePathError(f'{text}: ".." is refused; give a path inside {root}')
	base = root.resolve()
	resolved = (base / text).resolve()
	if not resolved.is_relative_to(base):
		raise UnsafePathError(f'{text}: it is a symlink (or inside one) that points outside {root}')
	return resolved


def inside_any(roots: Sequence[Path], user_path: str) -> Path:
	"""The first existing match of `user_path` under one of `roots` (import folders); refused like `inside`."""
	candidates = [inside(root, user_path) for root in roots]
	for candidate in candidates:
		if candidate.exists():
			return candidate
	folders = ', '.join(str(root) for root in roots)
	raise UnsafePathError(f'{user_path}: no such file in the import folders ({folders})')


def checked_name(name: str) -> str:
	"""A single file name a user chose (a rename): no folders, no `..`, no characters that do not travel."""
	text = name.strip()
	if not text or text in ('.', '..') or text.startswith('.'):
		raise UnsafePathError(f'{name!r}: a name must be a plain file name, not empty or hidden')
	if any(character in _FORBIDDEN_NAME_CHARACTERS or ord(character) < 32 for character in text):
		raise UnsafePathError(f'{name!r}: a name may not hold / \\ : * ? " < > | or control characters')
	if len(text.encode('utf-8')) > 200:
		raise UnsafePathError(f'{name!r}: a name may be at most 200 bytes long')
	return text
