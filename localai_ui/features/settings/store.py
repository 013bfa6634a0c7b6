"""The user's settings: read from SQLite once, written through on every save, flags given at start winning.

Only values that differ from their default are stored, so a later version's better default reaches everyone who
never changed it. Every run, page load and model load reads `current()`, so a save applies without a restart.
"""

import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

from pydantic import ValidationError

from localai_ui.database import crud as database_service
from localai_ui.database.crud.settings import JsonScalar
from localai_ui.database.engine import Database
from localai_ui.features.settings.values import FlagValue, plain_value, problems, with_flags
from localai_ui.schemas.app_settings import SECTION_OF, SECTIONS, AppSettings, SectionName, SettingsSection
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.progress import PreviewMode
from localai_ui.schemas.stored_settings import stored_settings

SettingsCheck = Callable[[AppSettings], None]


def _no_check(_settings: AppSettings) -> None:
	return None


class SettingsStore:
	"""Saves and resets settings by section; a bad value saves nothing and raises InvalidRequestError naming it."""

	def __init__(
		self,
		database: Database,
		*,
		flags: Mapping[str, FlagValue] | None = None,
		check: SettingsCheck = _no_check,
		now: Callable[[], datetime] = lambda: datetime.now(UTC),
	) -> None:
		self._database = database
		self.flags: Mapping[str, FlagValue] = dict(flags or {})
		self._check = check
		self._now = now
		self._lock = threading.Lock()
		with database.transaction() as session:
			self._stored = stored_settings(database_service.read_settings(session))

	def stored(self) -> AppSettings:
		"""What the user saved (defaults where nothing was saved)."""
		return self._stored

	def current(self) -> AppSettings:
		"""What runs use now: the stored settings with the flags given at start on top."""
		return with_flags(self._stored, self.flags)

	def save(self, changes: Mapping[str, object]) -> AppSettings:
		"""Check and store `changes` (setting name -> value); returns the stored settings."""
		unknown = sorted(set(changes) - SECTION_OF.keys())
		if unknown:
			raise InvalidRequestError(f'unknown setting {unknown[0]!r}; the settings are: {", ".join(SECTION_OF)}')
		named = {SECTION_OF[name] for name in changes}
		touched: list[SectionName] = [section for section in SECTIONS if section in named]
		with self._lock:
			updated = self._stored
			for section in touched:
				values = {**updated.section(section).model_dump(), **_only(changes, SECTIONS[section].model_fields)}
				try:
					checked = SECTIONS[section].model_validate(values)
				except ValidationError as error:
					raise InvalidRequestError(f'Not saved: {problems(error)}') from error
				updated = updated.model_copy(update={section: checked})
			self._check(with_flags(updated, self.flags))
			self._write(updated, touched)
			self._stored = updated
			return updated

	def reset(self, section: SectionName) -> AppSettings:
		"""Forget what was saved in `section`: its defaults apply again."""
		with self._lock:
			with self._database.transaction() as session:
				database_service.delete_settings(session, keys=list(SECTIONS[section].model_fields))
			self._stored = self._stored.model_copy(update={section: SECTIONS[section]()})
			return self._stored

	def save_preview(self, mode: PreviewMode, every_n_steps: int) -> None:
		"""The Generate tab's live preview controls save here, like the Settings tab's."""
		self.save({'preview_mode': mode, 'preview_every': every_n_steps})

	def hf_token(self) -> str | None:
		"""The stored Hugging Face token, for the download client only (issue 15)."""
		token = self._stored.hub.hf_token
		return None if token is None else token.get_secret_value()

	def _write(self, settings: AppSettings, sections: Iterable[SectionName]) -> None:
		kept: dict[str, JsonScalar] = {}
		dropped: list[str] = []
		for name in sections:
			section: SettingsSection = settings.section(name)
			for field, info in type(section).model_fields.items():
				value = plain_value(getattr(section, field))
				if value == plain_value(info.default):
					dropped.append(field)
				else:
					kept[field] = value
		with self._database.transaction() as session:
			database_service.write_settings(session, values=kept, now=self._now())
			database_service.delete_settings(session, keys=dropped)


def _only(changes: Mapping[str, object], names: Iterable[str]) -> dict[str, object]:
	wanted = set(names)
	return {name: value for name, value in changes.items() if name in wanted}
