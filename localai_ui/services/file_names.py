"""Image file names from the user's pattern and A1111's tags, safe on every file system and bounded in length."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from localai_ui.schemas.file_name_pattern import TAG

MAX_NAME_BYTES = 120  # the pattern's part of a name; ext4, NTFS and APFS allow 255 bytes in all
MAX_TAG_CHARS = 128
_UNSAFE = re.compile(r'[<>:"/\\|?*#]')
# Control, format (bidi overrides, zero-width), surrogate, line and paragraph separators: nothing a name should hold.
_DROPPED_CATEGORIES = frozenset(('Cc', 'Cf', 'Cs', 'Co', 'Zl', 'Zp'))


@dataclass(frozen=True)
class FileNameValues:
	"""What the tags stand for in one image's name."""

	seed: int
	prompt: str
	model_name: str
	sampler: str
	steps: int
	cfg_scale: float
	width: int
	height: int
	at: datetime


def safe_name_part(text: str, *, keep_spaces: bool = True) -> str:
	"""`text` with what a file system refuses replaced by '_' and invisible characters dropped."""
	kept = ''.join(
		' ' if character.isspace() else character
		for character in unicodedata.normalize('NFC', text)
		if character.isspace() or unicodedata.category(character) not in _DROPPED_CATEGORIES
	)
	kept = _UNSAFE.sub('_', ' '.join(kept.split()))
	return kept if keep_spaces else kept.replace(' ', '_')


def _tag_values(values: FileNameValues) -> dict[str, str]:
	return {
		'seed': str(values.seed),
		'prompt': safe_name_part(values.prompt[:MAX_TAG_CHARS], keep_spaces=False),
		'prompt_spaces': safe_name_part(values.prompt[:MAX_TAG_CHARS]),
		'model_name': safe_name_part(values.model_name[:MAX_TAG_CHARS]),
		'date': values.at.strftime('%Y-%m-%d'),
		'datetime': values.at.strftime('%Y%m%d%H%M%S'),
		'sampler': safe_name_part(values.sampler),
		'steps': str(values.steps),
		'cfg': f'{values.cfg_scale:g}',
		'width': str(values.width),
		'height': str(values.height),
	}


def fill_pattern(pattern: str, values: FileNameValues) -> str:
	"""The pattern with its tags filled in, made safe and cut to MAX_NAME_BYTES of UTF-8 (never mid-character);
	leading and trailing dots and spaces go (Windows drops trailing ones, a leading dot hides the file)."""
	known = _tag_values(values)
	filled = safe_name_part(TAG.sub(lambda found: known.get(found.group(1), found.group(0)), pattern))
	cut = filled.encode('utf-8')[:MAX_NAME_BYTES].decode('utf-8', errors='ignore')
	return cut.strip(' .')


def image_file_name(prefix: str, pattern: str, values: FileNameValues, extension: str) -> str:
	"""'00012-0-<pattern>.png': the prefix keeps names unique and in run order whatever the pattern makes."""
	part = fill_pattern(pattern, values)
	return f'{prefix}-{part}.{extension}' if part else f'{prefix}.{extension}'
