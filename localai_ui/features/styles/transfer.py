"""Import and export: a whole file is parsed first, then stored in one transaction, so a bad file imports nothing."""

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from localai_ui.cores.styles import decode_styles_file, detect_format, format_styles, parse_styles, unique_name
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.styles import ClashPolicy, ImportReport, StyleFormat, StyleFormatError, StyleText

MAX_IMPORT_BYTES = 5 * 1024 * 1024
IMPORTED_CATEGORY = 'Imported'


class _Importer:
	"""Stores styles one by one against the names already taken, recording what became of each."""

	def __init__(self, session: Session, on_clash: ClashPolicy, now: Callable[[], datetime]) -> None:
		self._session = session
		self._on_clash = on_clash
		self._now = now
		self._existing = {style.name: style for style in database_service.list_styles(session)}
		self.outcomes: dict[str, list[str]] = {'added': [], 'overwritten': [], 'skipped': [], 'unchanged': []}
		self.renamed: list[tuple[str, str]] = []

	def _add(self, text: StyleText) -> None:
		self._existing[text.name] = database_service.add_style(self._session, text=text, now=self._now())

	def store(self, style: StyleText) -> None:
		existing = self._existing.get(style.name)
		text = StyleText(style.name, style.prompt, style.negative_prompt, style.category or IMPORTED_CATEGORY)
		if existing is None:
			self._add(text)
			self.outcomes['added'].append(style.name)
		elif (existing.prompt, existing.negative_prompt) == (style.prompt, style.negative_prompt):
			self.outcomes['unchanged'].append(style.name)
		elif self._on_clash == 'skip':
			self.outcomes['skipped'].append(style.name)
		elif self._on_clash == 'overwrite' and not existing.builtin:
			kept = StyleText(style.name, style.prompt, style.negative_prompt, style.category or existing.category)
			self._existing[style.name] = database_service.update_style(
				self._session, style_id=existing.id, text=kept, now=self._now()
			)
			self.outcomes['overwritten'].append(style.name)
		else:
			# Rename, and the only safe reading of "overwrite" for a read-only built-in.
			new_name = unique_name(style.name, self._existing)
			self._add(StyleText(new_name, text.prompt, text.negative_prompt, text.category))
			self.renamed.append((style.name, new_name))

	def report(self) -> ImportReport:
		done = {key: tuple(names) for key, names in self.outcomes.items()}
		return ImportReport(
			added=done['added'],
			overwritten=done['overwritten'],
			renamed=tuple(self.renamed),
			skipped=done['skipped'],
			unchanged=done['unchanged'],
		)


def read_styles_file(data: bytes, filename: str) -> list[StyleText]:
	"""Parse a file's bytes; the error names the file and the line or entry at fault."""
	if len(data) > MAX_IMPORT_BYTES:
		raise StyleFormatError(f'{filename}: {len(data)} bytes; styles files are at most {MAX_IMPORT_BYTES} bytes')
	try:
		text = decode_styles_file(data)
		return parse_styles(text, detect_format(filename, text))
	except StyleFormatError as error:
		raise StyleFormatError(f'{filename}: {error}; nothing was imported') from error


def import_styles(
	database: Database, data: bytes, *, filename: str, on_clash: ClashPolicy, now: Callable[[], datetime]
) -> ImportReport:
	"""Parse then store every style in one transaction; a clash is skipped, overwritten or renamed per on_clash."""
	styles = read_styles_file(data, filename)
	with database.transaction() as session:
		importer = _Importer(session, on_clash, now)
		for style in styles:
			importer.store(style)
	return importer.report()


def export_styles(styles: Sequence[StyleText], style_format: StyleFormat) -> bytes:
	return format_styles(styles, style_format)
