"""The styles shipped in assets/styles/: loaded, hashed, and seeded so upgrades add and refresh them safely."""

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.styles import BuiltinStyle, StyleText

BUILTIN_STYLES_DIR = Path(__file__).resolve().parents[3] / 'assets' / 'styles'


class _BuiltinEntry(BaseModel):
	model_config = ConfigDict(extra='forbid', frozen=True)

	id: str
	name: str
	category: str
	prompt: str
	negative_prompt: str


@dataclass(frozen=True)
class SeedReport:
	"""Keys of the shipped styles added, refreshed, and left alone because the user's own style holds the name."""

	added: tuple[str, ...] = ()
	updated: tuple[str, ...] = ()
	blocked: tuple[str, ...] = ()


def content_hash(text: StyleText) -> str:
	"""What a shipped style says, hashed: a changed hash means a newer version to seed."""
	payload = json.dumps([text.name, text.category, text.prompt, text.negative_prompt], ensure_ascii=False)
	return hashlib.sha256(payload.encode('utf-8')).hexdigest()


def load_builtins(folder: Path) -> list[BuiltinStyle]:
	"""Every *.json file in folder (a list of {id, name, category, prompt, negative_prompt}); none if it is missing."""
	styles: list[BuiltinStyle] = []
	for path in sorted(folder.glob('*.json')) if folder.is_dir() else []:
		try:
			entries = [_BuiltinEntry.model_validate(item) for item in json.loads(path.read_text(encoding='utf-8'))]
		except (ValueError, TypeError, ValidationError) as error:
			raise ValueError(
				f'{path}: built-in styles must be a JSON list of id/name/category/prompt/negative_prompt: {error}'
			) from error
		for entry in entries:
			text = StyleText(entry.name, entry.prompt, entry.negative_prompt, entry.category)
			styles.append(BuiltinStyle(entry.id, text, content_hash(text)))
	return styles


def seed_builtins(database: Database, builtins: Sequence[BuiltinStyle], now: Callable[[], datetime]) -> SeedReport:
	"""Add new shipped styles and refresh changed ones, in one transaction; the user's own styles are never touched."""
	added: list[str] = []
	updated: list[str] = []
	blocked: list[str] = []
	with database.transaction() as session:
		rows = database_service.list_styles(session)
		by_key = {row.builtin_key: row for row in rows if row.builtin_key is not None}
		names = {row.name: row for row in rows}
		for builtin in builtins:
			row = by_key.get(builtin.key)
			holder = names.get(builtin.text.name)
			if row is not None and row.builtin_hash == builtin.content_hash:
				continue
			if holder is not None and holder is not row:
				blocked.append(builtin.key)
			elif row is None:
				added_row = database_service.add_style(
					session, text=builtin.text, now=now(), builtin_key=builtin.key, builtin_hash=builtin.content_hash
				)
				names[added_row.name] = added_row
				added.append(builtin.key)
			elif content_hash(row.text) == row.builtin_hash:
				names.pop(row.name, None)
				names[builtin.text.name] = database_service.update_style(
					session, style_id=row.id, text=builtin.text, now=now(), builtin_hash=builtin.content_hash
				)
				updated.append(builtin.key)
	return SeedReport(tuple(added), tuple(updated), tuple(blocked))
