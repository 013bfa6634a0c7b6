"""The summary a details view shows: the first paragraphs of a model card (README.md) as plain text."""

import re

_IMAGE = re.compile(r'!\[[^\]]*\]\([^)]*\)')
_LINK = re.compile(r'\[([^\]]*)\]\([^)]*\)')
_HTML = re.compile(r'<[^>]*>')
_EMPHASIS = re.compile(r'\*\*|__|`|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)')
_LIST_OR_QUOTE = re.compile(r'^(?:[-*+]\s+|\d+[.)]\s+|>\s*)+')
_RULE = re.compile(r'^(?:[-*_=]\s*){3,}$')


def card_summary(readme: str, *, max_chars: int = 600, max_paragraphs: int = 2) -> str:
	"""Front matter, headings, code, tables, images and HTML dropped; paragraphs joined by a blank line."""
	paragraphs: list[str] = []
	current: list[str] = []
	in_code = False
	for line in _without_front_matter(readme).splitlines():
		stripped = line.strip()
		fence = stripped.startswith(('```', '~~~'))
		in_code = in_code != fence
		plain = '' if in_code or fence or _skipped(stripped) else _plain(stripped)
		if plain:
			current.append(plain)
		elif current:
			paragraphs.append(' '.join(current))
			current = []
	if current:
		paragraphs.append(' '.join(current))
	summary = '\n\n'.join(paragraphs[:max_paragraphs])
	return summary if len(summary) <= max_chars else summary[: max_chars - 1].rstrip() + '…'


def _without_front_matter(readme: str) -> str:
	"""The card without its YAML block (`---` ... `---` at the top: license, tags, widget settings)."""
	text = readme.lstrip('\ufeff')
	if not text.startswith('---'):
		return text
	lines = text.splitlines()
	for index, line in enumerate(lines[1:], start=1):
		if line.strip() in ('---', '...'):
			return '\n'.join(lines[index + 1 :])
	return ''


def _skipped(line: str) -> bool:
	return line.startswith(('#', '|', '<!--')) or _RULE.match(line) is not None


def _plain(line: str) -> str:
	text = _HTML.sub('', _LINK.sub(r'\1', _IMAGE.sub('', line)))
	text = _EMPHASIS.sub('', _LIST_OR_QUOTE.sub('', text.strip()))
	return ' '.join(text.split())
