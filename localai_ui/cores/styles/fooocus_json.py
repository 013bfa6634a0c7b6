"""Fooocus style JSON: a list of objects with name, prompt and negative_prompt (the last two may be missing)."""

import json
from collections.abc import Iterator, Sequence
from typing import cast

from localai_ui.cores.styles.checks import check_unique, name_problem
from localai_ui.schemas.styles import StyleFormatError, StyleText

TEXT_FIELDS = ('prompt', 'negative_prompt', 'category')


def _text_field(entry: dict[str, object], key: str, where: str) -> str:
	value = entry.get(key, '')
	if value is None:
		return ''
	if not isinstance(value, str):
		raise StyleFormatError(f'{where}: "{key}" must be text, not {type(value).__name__}')
	return value


def _entries(loaded: object) -> Iterator[tuple[str, StyleText]]:
	if not isinstance(loaded, list):
		raise StyleFormatError(f'expected a JSON list of styles, found a {type(loaded).__name__}')
	for number, item in enumerate(cast(list[object], loaded), start=1):
		where = f'entry {number}'
		if not isinstance(item, dict):
			raise StyleFormatError(f'{where}: expected an object with "name", "prompt" and "negative_prompt"')
		entry = cast(dict[str, object], item)
		name = entry.get('name')
		if not isinstance(name, str):
			raise StyleFormatError(f'{where}: "name" is missing or not text')
		where = f'entry {number} ({name!r})'
		problem = name_problem(name.strip())
		if problem:
			raise StyleFormatError(f'{where}: {problem}')
		prompt, negative, category = (_text_field(entry, key, where) for key in TEXT_FIELDS)
		yield where, StyleText(name.strip(), prompt, negative, category.strip())


def parse_styles_json(text: str) -> list[StyleText]:
	"""Read Fooocus style JSON; raises StyleFormatError naming the line (bad JSON) or the entry at fault."""
	try:
		loaded: object = json.loads(text.removeprefix('\ufeff'))
	except json.JSONDecodeError as error:
		raise StyleFormatError(f'line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}') from error
	return check_unique(_entries(loaded))


def format_styles_json(styles: Sequence[StyleText]) -> str:
	"""Write Fooocus style JSON; our category rides along as an extra key Fooocus ignores."""
	entries: list[dict[str, str]] = []
	for style in styles:
		entry = {'name': style.name, 'prompt': style.prompt, 'negative_prompt': style.negative_prompt}
		if style.category:
			entry['category'] = style.category
		entries.append(entry)
	return json.dumps(entries, ensure_ascii=False, indent=4) + '\n'
