"""LoRA library queries: a Session first, keyword-only arguments, LoraRecords out, DatabaseError on failure."""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.loras_convert import ScannedLora, fill_row, lora_record
from localai_ui.database.loras_tables import LoraRow
from localai_ui.schemas.lora_library import LoraRecord


def _named(session: Session, name: str) -> LoraRow:
	found = session.scalar(select(LoraRow).where(LoraRow.name == name))
	if found is None:
		raise RecordNotFoundError(f'LoRA library: no LoRA named {name!r}')
	return found


@driver_errors
def list_loras(session: Session) -> list[LoraRecord]:
	"""Every row, by name (case-insensitive)."""
	return sorted((lora_record(row) for row in session.scalars(select(LoraRow))), key=lambda r: r.name.casefold())


@driver_errors
def get_lora(session: Session, *, name: str) -> LoraRecord | None:
	found = session.scalar(select(LoraRow).where(LoraRow.name == name))
	return None if found is None else lora_record(found)


@driver_errors
def upsert_lora(session: Session, *, scanned: ScannedLora, now: datetime) -> LoraRecord:
	"""Insert a file seen for the first time, or refresh what is known of it (its name and preview stay)."""
	row = session.scalar(select(LoraRow).where(LoraRow.relative_path == scanned.relative_path))
	if row is None:
		taken = set(session.scalars(select(LoraRow.name)))
		name, counter = scanned.name, 2
		while name in taken:
			name, counter = f'{scanned.name} ({counter})', counter + 1
		row = LoraRow(name=name, relative_path=scanned.relative_path, added_at=now)
		session.add(row)
	fill_row(row, scanned)
	session.flush()
	return lora_record(row)


@driver_errors
def flag_missing(session: Session, *, present: Collection[str]) -> None:
	"""Mark every row whose file the scan did not see."""
	for row in session.scalars(select(LoraRow).where(LoraRow.relative_path.not_in(list(present)))):
		row.status, row.problem = 'missing', f'{row.relative_path} is no longer in the LoRA folder'
	session.flush()


@driver_errors
def rename_lora(session: Session, *, name: str, new_name: str, relative_path: str) -> LoraRecord:
	row = _named(session, name)
	row.name, row.relative_path = new_name, relative_path
	session.flush()
	return lora_record(row)


@driver_errors
def set_preview(session: Session, *, name: str, preview_path: str | None) -> LoraRecord:
	row = _named(session, name)
	row.preview_path = preview_path
	session.flush()
	return lora_record(row)


@driver_errors
def delete_lora(session: Session, *, name: str) -> None:
	session.delete(_named(session, name))
	session.flush()
