"""A1111's styles.csv: header name,prompt,negative_prompt (legacy: text), quoted fields, '#' rows are comments."""

import csv
import io
from collections.abc import Iterator, Sequence

from localai_ui.cores.styles.checks import check_unique, name_problem
from localai_ui.schemas.styles import StyleFormatError, StyleText

HEADER = ('name', 'prompt', 'negative_prompt')


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
	"""Each CSV record with the line it starts on (quoted fields may span lines)."""
	reader = csv.reader(io.StringIO(text, newline=''), skipinitialspace=True, strict=True)
	start = 1
	while True:
		try:
			row = next(reader)
		except StopIteration:
			return
		except csv.Error as error:
			raise StyleFormatError(f'line {start}: {error} (is a quote left open?)') from error
		yield start, row
		start = reader.line_num + 1


def _columns(header: list[str]) -> tuple[int, int, int | None, int | None]:
	"""Positions of name, prompt (or legacy text), negative_prompt and category in the header."""
	names = [column.strip().lower() for column in header]
	if 'name' not in names:
		raise StyleFormatError(
			f'line 1: the header {",".join(header)!r} has no "name" column; expected name,prompt,negative_prompt'
		)
	prompt_column = 'prompt' if 'prompt' in names else 'text' if 'text' in names else None
	if prompt_column is None:
		raise StyleFormatError(f'line 1: the header {",".join(header)!r} has no "prompt" (or legacy "text") column')
	negative = names.index('negative_prompt') if 'negative_prompt' in names else None
	category = names.index('category') if 'category' in names else None
	return names.index('name'), names.index(prompt_column), negative, category


def _entries(text: str) -> Iterator[tuple[str, StyleText]]:
	records = _records(text)
	header = next((row for _, row in records if any(cell.strip() for cell in row)), None)
	if header is None:
		return
	name_at, prompt_at, negative_at, category_at = _columns(header)
	for line, row in records:
		if not any(cell.strip() for cell in row) or row[0].startswith('#'):
			continue
		if len(row) > len(header):
			raise StyleFormatError(
				f'line {line}: {len(row)} fields but the header has {len(header)}; quote fields that hold commas'
			)
		cells = row + [''] * (len(header) - len(row))
		name = cells[name_at].strip()
		if name.startswith('#'):
			continue
		problem = name_problem(name)
		if problem:
			raise StyleFormatError(f'line {line}: {problem}')
		negative = cells[negative_at] if negative_at is not None else ''
		category = cells[category_at].strip() if category_at is not None else ''
		yield f'line {line}', StyleText(name, cells[prompt_at], negative, category)


def parse_styles_csv(text: str) -> list[StyleText]:
	"""Read styles.csv text (BOM already removed or not); raises StyleFormatError naming the line at fault."""
	return check_unique(_entries(text.removeprefix('\ufeff')))


def format_styles_csv(styles: Sequence[StyleText]) -> str:
	"""Write styles.csv as A1111 does: the three columns, minimal quoting, CRLF line ends (add the BOM when saving)."""
	buffer = io.StringIO(newline='')
	writer = csv.writer(buffer)
	writer.writerow(HEADER)
	for style in styles:
		writer.writerow((style.name, style.prompt, style.negative_prompt))
	return buffer.getvalue()
