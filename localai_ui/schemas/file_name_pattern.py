"""The file name pattern of saved images, with A1111's tags: checked here, filled in by services/file_names.py."""

import re

FILE_NAME_TAGS: tuple[str, ...] = (
	'seed',
	'prompt',
	'prompt_spaces',
	'model_name',
	'date',
	'datetime',
	'sampler',
	'steps',
	'cfg',
	'width',
	'height',
)
DEFAULT_FILE_NAME_PATTERN = '[seed]'
MAX_PATTERN_CHARS = 200
# Windows refuses these in a file name; '#' breaks the image's URL in the browser (A1111 drops it too).
REFUSED_CHARACTERS = '<>:"|?*#'
TAG = re.compile(r'\[([^\[\]]*)\]')
_CONTROL = re.compile(r'[\x00-\x1f\x7f]')


def check_file_name_pattern(pattern: str) -> str:
	"""The pattern when every file system can hold the names it makes; ValueError naming the value and the fix."""
	shown = repr(pattern if len(pattern) <= 40 else f'{pattern[:40]}...')
	if not pattern.strip():
		raise ValueError('the file name pattern is empty; use at least one tag such as [seed]')
	if len(pattern) > MAX_PATTERN_CHARS:
		raise ValueError(
			f'file name pattern {shown} has {len(pattern)} characters; at most {MAX_PATTERN_CHARS} fit in a file name'
		)
	if '\x00' in pattern:
		raise ValueError(f'file name pattern {shown} holds a NUL character, which no file system accepts')
	if '/' in pattern or '\\' in pattern or '..' in pattern:
		raise ValueError(
			f'file name pattern {shown} holds "/", "\\" or "..": it names a file, never a folder '
			'(turn on "Save into date folders" for folders)'
		)
	if _CONTROL.search(pattern):
		raise ValueError(f'file name pattern {shown} holds a control character (a tab or a line break)')
	refused = sorted({character for character in pattern if character in REFUSED_CHARACTERS})
	if refused:
		raise ValueError(f'file name pattern {shown} holds {" ".join(refused)}, which Windows refuses in file names')
	unknown = [tag for tag in TAG.findall(pattern) if tag not in FILE_NAME_TAGS]
	if unknown:
		known = ' '.join(f'[{tag}]' for tag in FILE_NAME_TAGS)
		raise ValueError(f'file name pattern {shown}: unknown tag [{unknown[0]}]; the tags are {known}')
	return pattern
