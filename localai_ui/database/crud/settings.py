"""Settings queries: key/value rows with JSON values; a Session first, keyword-only arguments, DatabaseError out."""

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from localai_ui.database.errors import driver_errors
from localai_ui.database.tables.settings import SettingRow

JsonScalar = str | int | float | bool | None


@driver_errors
def read_settings(session: Session) -> dict[str, object]:
	"""Every stored setting by key; a row whose value is not JSON is skipped (its default applies)."""
	found: dict[str, object] = {}
	for row in session.scalars(select(SettingRow)):
		try:
			found[row.key] = json.loads(row.value)
		except ValueError:
			continue
	return found


@driver_errors
def write_settings(session: Session, *, values: Mapping[str, JsonScalar], now: datetime) -> None:
	"""Insert or replace each key's value."""
	for key, value in values.items():
		row = session.get(SettingRow, key)
		text = json.dumps(value, ensure_ascii=False)
		if row is None:
			session.add(SettingRow(key=key, value=text, updated_at=now))
		else:
			row.value, row.updated_at = text, now
	session.flush()


@driver_errors
def delete_settings(session: Session, *, keys: Sequence[str]) -> None:
	"""Forget the keys (their defaults apply again)."""
	session.execute(delete(SettingRow).where(SettingRow.key.in_(list(keys))))
	session.flush()
