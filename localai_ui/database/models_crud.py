"""Model library queries: a Session first, keyword-only arguments, ModelRecords out, DatabaseError on failure."""

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.models_convert import ScannedModel, model_record
from localai_ui.database.models_tables import ModelRow
from localai_ui.schemas.models import ModelRecord


def _row(session: Session, name: str) -> ModelRow:
	row = session.scalar(select(ModelRow).where(ModelRow.name == name))
	if row is None:
		raise RecordNotFoundError(f'model library: no model named {name!r}')
	return row


@driver_errors
def list_models(session: Session) -> list[ModelRecord]:
	"""Every row, by name (case-insensitive)."""
	rows = session.scalars(select(ModelRow))
	return sorted((model_record(row) for row in rows), key=lambda record: record.name.casefold())


@driver_errors
def get_model(session: Session, *, name: str) -> ModelRecord | None:
	row = session.scalar(select(ModelRow).where(ModelRow.name == name))
	return None if row is None else model_record(row)


@driver_errors
def upsert_scanned(session: Session, *, scanned: ScannedModel, now: datetime) -> ModelRecord:
	"""Insert a new entry or refresh a known one; a changed size or mtime drops the cached hash."""
	row = session.scalar(select(ModelRow).where(ModelRow.relative_path == scanned.relative_path))
	if row is None:
		row = ModelRow(
			name=_free_name(session, scanned.name),
			relative_path=scanned.relative_path,
			is_default=False,
			added_at=now,
			size=scanned.size,
			mtime=scanned.mtime,
		)
		session.add(row)
	elif row.size != scanned.size or row.mtime != scanned.mtime:
		row.sha256 = row.autov2 = None
	row.format, row.architecture, row.config = scanned.format, scanned.architecture, scanned.config
	row.status, row.problem = scanned.status, scanned.problem
	row.size, row.mtime = scanned.size, scanned.mtime
	row.metadata_json = json.dumps(dict(scanned.metadata), ensure_ascii=False)
	session.flush()
	return model_record(row)


def _free_name(session: Session, wanted: str) -> str:
	taken = set(session.scalars(select(ModelRow.name)))
	name, counter = wanted, 2
	while name in taken:
		name, counter = f'{wanted} ({counter})', counter + 1
	return name


@driver_errors
def mark_missing(session: Session, *, present: Collection[str]) -> int:
	"""Flag every row whose relative path the scan did not see; returns how many are missing now."""
	missing = 0
	for row in session.scalars(select(ModelRow)):
		if row.relative_path not in present:
			row.status, row.problem = 'missing', f'{row.relative_path} is no longer in the models folder'
			missing += 1
	session.flush()
	return missing


@driver_errors
def set_hash(session: Session, *, model_id: int, sha256: str, autov2: str, size: int, mtime: float) -> bool:
	"""Store a hash only if the row still describes the file that was hashed (same size and mtime)."""
	row = session.get(ModelRow, model_id)
	if row is None or row.size != size or row.mtime != mtime:
		return False
	row.sha256, row.autov2 = sha256, autov2
	session.flush()
	return True


@driver_errors
def set_default(session: Session, *, name: str) -> None:
	"""Make `name` the only default model."""
	row = _row(session, name)
	session.execute(update(ModelRow).values(is_default=False))
	row.is_default = True
	session.flush()


@driver_errors
def rename_model(session: Session, *, name: str, new_name: str, relative_path: str) -> ModelRecord:
	row = _row(session, name)
	row.name, row.relative_path = new_name, relative_path
	session.flush()
	return model_record(row)


@driver_errors
def set_vae(session: Session, *, name: str, vae: str | None) -> None:
	_row(session, name).vae = vae
	session.flush()


@driver_errors
def touch_last_used(session: Session, *, name: str, when: datetime) -> None:
	row = session.scalar(select(ModelRow).where(ModelRow.name == name))
	if row is not None:
		row.last_used_at = when
		session.flush()


@driver_errors
def delete_model(session: Session, *, name: str) -> None:
	session.delete(_row(session, name))
	session.flush()
