"""Paths a user types (import path, new name, delete target) kept inside the configured folders.

`..`, absolute paths and symlinks that resolve outside are refused with UnsafePathError.
"""

import errno
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath

from localai_ui.schemas.file_errors import UnsafePathError

_FORBIDDEN_NAME_CHARACTERS = frozenset('/\\:*?"<>|\0')
_FORBIDDEN_PATH_CHARACTERS = frozenset(':*?"<>|')
# Bidirectional controls make a name read differently from what it is ('exe.safetensors' shown as 'srotnefas.exe').
BIDI_CONTROLS = frozenset([*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)), '\u200e', '\u200f'])
MAX_PATH_CHARS = 4096
MAX_PART_BYTES = 255


def inside(root: Path, user_path: str) -> Path:
	"""`user_path` (relative) under `root`, resolved; refused when it could leave `root`."""
	text = user_path.strip()
	if not text or '\0' in text:
		raise UnsafePathError('an empty path was given: name a file inside the folder')
	_check_length(text)
	posix, windows = PurePosixPath(text), PureWindowsPath(text)
	if posix.is_absolute() or windows.is_absolute() or text.startswith(('/', '\\', '~')):
		raise UnsafePathError(f'{text}: absolute paths are refused; give a path relative to {root}')
	if windows.drive:
		raise UnsafePathError(f'{text}: "{windows.drive}" reads as a drive on Windows; give a path relative to {root}')
	if '..' in posix.parts or '..' in windows.parts:
		raise UnsafePathError(f'{text}: ".." is refused; give a path inside {root}')
	base = root.resolve()
	resolved = _resolved(base / text, text)
	if not resolved.is_relative_to(base):
		raise UnsafePathError(f'{text}: it is a symlink (or inside one) that points outside {root}')
	return resolved


def inside_any(roots: Sequence[Path], user_path: str) -> Path:
	"""The first existing match of `user_path` under one of `roots` (import folders); refused like `inside`."""
	text = user_path.strip()
	windows = PureWindowsPath(text)
	typed = text[len(windows.drive) :] if windows.root else text  # 'C:\\x' is refused below as absolute
	bad = sorted({character for character in typed if character in _FORBIDDEN_PATH_CHARACTERS or ord(character) < 32})
	if bad:
		shown = ' '.join(repr(character) for character in bad)
		raise UnsafePathError(
			f'{user_path[:80]!r}: a path may not hold : * ? " < > | or control characters (it holds {shown})'
		)
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
	if any(character in BIDI_CONTROLS for character in text):
		raise UnsafePathError(bidi_message(name))
	if len(text.encode('utf-8')) > 200:
		raise UnsafePathError(f'{name!r}: a name may be at most 200 bytes long')
	return text


def bidi_message(name: str) -> str:
	"""Why a name with bidirectional control characters is refused, naming the characters."""
	return (
		f'{name.encode("unicode_escape").decode()[:80]!r}: a name may not hold bidirectional control characters '
		'(U+202A-U+202E, U+2066-U+2069, U+200E, U+200F): they make it read differently from what it is'
	)


def _check_length(text: str) -> None:
	longest = max(len(part.encode('utf-8', 'surrogateescape')) for part in text.replace('\\', '/').split('/'))
	if len(text) > MAX_PATH_CHARS or longest > MAX_PART_BYTES:
		raise UnsafePathError(
			f'{text[:60]}...: a path of {len(text):,} characters is refused; a path may be at most '
			f'{MAX_PATH_CHARS:,} characters and each name in it at most {MAX_PART_BYTES} bytes'
		)


def _resolved(path: Path, text: str) -> Path:
	"""`path` with its links followed; a link loop or an unreadable link is a clear refusal, not a crash."""
	try:
		return path.resolve()
	except RuntimeError as error:  # Python 3.11 reports a loop of symbolic links so
		raise UnsafePathError(f'{text}: a symbolic link in it loops back on itself; fix or remove the link') from error
	except OSError as error:
		if error.errno == errno.ELOOP:
			raise UnsafePathError(
				f'{text}: a symbolic link in it loops back on itself; fix or remove the link'
			) from error
		raise UnsafePathError(f'{text}: cannot be read ({error.strerror or error})') from error
