"""Styles an image names, taken back out of its prompt: its infotext holds the prompt with the styles applied, so
sending both to Generate as they are would apply the styles twice (A1111's "extract styles from prompt")."""

from collections.abc import Mapping
from dataclasses import replace

from localai_ui.cores.styles import apply_styles
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.png_info import GenerationSettings, PngInfo
from localai_ui.schemas.styles import PROMPT_SLOT, StyleText


def _unmerge(style_text: str, prompt: str) -> str | None:
	"""The prompt before `style_text` was merged into it, or None when it does not hold the style's text."""
	text, style = prompt.strip(), style_text.strip()
	if PROMPT_SLOT in style:
		left, right = style.split(PROMPT_SLOT, 1)
		if len(text) >= len(left) + len(right) and text.startswith(left) and text.endswith(right):
			return text[len(left) : len(text) - len(right)]
		return None
	if not style:
		return text
	if not text.endswith(style):
		return None
	return text[: len(text) - len(style)].removesuffix(' ').removesuffix(',')


def unstyled(settings: GenerationSettings, library: Mapping[str, StyleText]) -> tuple[GenerationSettings, str | None]:
	"""Settings whose prompts no longer hold the named styles' text, and a note when the styles cannot be kept.

	Styles missing from `library`, or whose text is not in the prompt, are dropped (their text stays in the prompt,
	so the image's final prompt is unchanged) and the note says so.
	"""
	names = settings.styles or ()
	if not names:
		return settings, None
	styles = [library[name] for name in names if name in library]
	prompt, negative = settings.prompt, settings.negative_prompt
	for style in reversed(styles):
		prompt_left, negative_left = _unmerge(style.prompt, prompt), _unmerge(style.negative_prompt, negative)
		if prompt_left is None or negative_left is None:
			break
		prompt, negative = prompt_left, negative_left
	final = (settings.prompt.strip(), settings.negative_prompt.strip())
	if len(styles) == len(names) and tuple(s.strip() for s in apply_styles(prompt, negative, styles)) == final:
		return replace(settings, prompt=prompt, negative_prompt=negative), None
	note = f'Styles {", ".join(names)}: not all are in your library or their text is not in the prompt as written; '
	return replace(settings, styles=()), note + 'the prompt is sent with their text in it and no styles picked.'


def with_library_styles(info: PngInfo, library: Mapping[str, StyleText]) -> PngInfo:
	"""`info` with its settings ready for Generate (see unstyled); the note, if any, joins the others."""
	if info.settings is None:
		return info
	settings, note = unstyled(info.settings, library)
	return replace(info, settings=settings, notes=(*info.notes, note) if note else info.notes)


def style_library(database: Database) -> dict[str, StyleText]:
	"""Every style in the library (built-ins and the user's own), by name."""
	with database.transaction() as session:
		return {style.name: style.text for style in database_service.list_styles(session)}
