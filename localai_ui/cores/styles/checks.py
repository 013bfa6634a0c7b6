"""Rules every style must meet, whichever file or form it came from."""

from collections.abc import Iterable

from localai_ui.schemas.styles import StyleFormatError, StyleText
from localai_ui.services.safe_paths import BIDI_CONTROLS, bidi_message

MAX_NAME = 255


def name_problem(name: str) -> str | None:
	"""Why `name` (already stripped) cannot name a style, or None when it can."""
	if not name.strip():
		return 'the name is empty'
	if '\n' in name or '\r' in name:
		return f'the name {name!r} spans several lines'
	if any(character in BIDI_CONTROLS for character in name):
		return bidi_message(name)
	if len(name) > MAX_NAME:
		return f'the name {name[:40]!r}... is longer than {MAX_NAME} characters'
	return None


def check_unique(entries: Iterable[tuple[str, StyleText]]) -> list[StyleText]:
	"""The styles in file order; raises naming both places when one name appears twice."""
	seen: dict[str, str] = {}
	styles: list[StyleText] = []
	for where, style in entries:
		if style.name in seen:
			raise StyleFormatError(f'{where}: the style {style.name!r} appears twice (first at {seen[style.name]})')
		seen[style.name] = where
		styles.append(style)
	return styles
