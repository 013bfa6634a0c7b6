"""Checks a request's numbers and prompts before pydantic's own, so every message names the field and what it takes.

Prompts are bounded: a 1 MB prompt held the queue for minutes and was stored whole in the history, the index and the
PNG. The limits sit far above what A1111 users type (a long prompt is a few thousand characters, a few BREAKs).
"""

import math
import re

from annotated_types import Ge, Le
from pydantic.fields import FieldInfo

from localai_ui.schemas.errors import InvalidRequestError

MAX_PROMPT_CHARS = 10_000
MAX_BREAKS = 32
MAX_ID = 2**63 - 1  # SQLite's largest INTEGER
MAX_PAGE = 10**9
PROMPT_FIELDS = ('prompt', 'negative_prompt', 'hires_prompt', 'hires_negative_prompt')
_BREAK = re.compile(r'\bBREAK\b')


def allowed_text(field: FieldInfo, whole: bool, special: str | None) -> str:
	"""What a numeric field takes, in words: 'a whole number from 1 to 150'."""
	if special is not None:
		return special
	low, high = bounds(field)
	kind = 'a whole number' if whole else 'a number'
	if low is not None and high is not None:
		return f'{kind} from {low} to {high}'
	return kind if low is None else f'{kind} from {low}'


def bounds(field: FieldInfo) -> tuple[int | float | None, int | float | None]:
	"""The field's `ge` and `le` limits (None where it has none)."""
	low: int | float | None = None
	high: int | float | None = None
	for item in field.metadata:
		if isinstance(item, Ge) and isinstance(item.ge, int | float):
			low = item.ge
		elif isinstance(item, Le) and isinstance(item.le, int | float):
			high = item.le
	return low, high


def checked_number(name: str, value: object, field: FieldInfo, whole: bool, special: str | None) -> object:
	"""`value` as a number within the field's bounds, or a ValueError that names the field and what it takes."""
	allowed = allowed_text(field, whole, special)
	number = _as_number(value)
	if number is None or (whole and not float(number).is_integer()):
		raise ValueError(f'{name} takes {allowed}; got {_shown(value)}')
	low, high = bounds(field)
	if (low is not None and number < low) or (high is not None and number > high):
		raise ValueError(f'{name} takes {allowed}; got {_shown(value)}')
	return int(number) if whole else float(number)


def whole_number(name: str, value: object, low: int, high: int) -> int:
	"""`value` as a whole number from `low` to `high` (an API page or id), or an InvalidRequestError naming `name`."""
	number = _as_number(value)
	if number is None or not float(number).is_integer() or not low <= number <= high:
		raise InvalidRequestError(f'{name} takes a whole number from {low:,} to {high:,}; got {_shown(value)}')
	return int(number)


def checked_prompt(name: str, value: object) -> object:
	"""A prompt within MAX_PROMPT_CHARS characters and MAX_BREAKS BREAKs; other types are left to pydantic."""
	if not isinstance(value, str):
		return value
	if len(value) > MAX_PROMPT_CHARS:
		raise ValueError(
			f'{name} is {len(value):,} characters long; the limit is {MAX_PROMPT_CHARS:,} characters: shorten it'
		)
	breaks = len(_BREAK.findall(value))
	if breaks > MAX_BREAKS:
		raise ValueError(f'{name} has {breaks} BREAKs; the limit is {MAX_BREAKS} (each BREAK starts a new chunk)')
	return value


def _as_number(value: object) -> int | float | None:
	if isinstance(value, bool):
		return int(value)
	if isinstance(value, int):
		return value
	if isinstance(value, float):
		return value if math.isfinite(value) else None
	if isinstance(value, str):
		try:
			return int(value.strip())
		except ValueError:
			pass
		try:
			number = float(value.strip())
		except ValueError:
			return None
		return number if math.isfinite(number) else None
	return None


def _shown(value: object) -> str:
	text = repr(value)
	return text if len(text) <= 40 else f'{text[:37]}...'
