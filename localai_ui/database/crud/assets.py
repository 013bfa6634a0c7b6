"""Asset library queries (every kind in one table): a Session first, keyword-only arguments, records out."""

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from localai_ui.database.crud.asset_records import metadata_json, stored_asset
from localai_ui.database.errors import driver_errors
from localai_ui.database.tables.assets import AssetRow
from localai_ui.schemas.assets import AssetKind, FileHashes, ScannedAsset, StoredAsset

HASHABLE_STATUSES = ('ok', 'unsupported')


@driver_errors
def list_assets(session: Session, *, kind: AssetKind) -> list[StoredAsset]:
	"""Every row of one kind, by name (case-insensitive)."""
	rows = session.scalars(select(AssetRow).where(AssetRow.kind == kind.value))
	return sorted((stored_asset(row) for row in rows), key=lambda record: record.name.casefold())


@driver_errors
def get_asset(session: Session, *, kind: AssetKind, name: str) -> StoredAsset | None:
	row = session.scalar(select(AssetRow).where(AssetRow.kind == kind.value, AssetRow.name == name))
	return None if row is None else stored_asset(row)


@driver_errors
def upsert_scanned(session: Session, *, kind: AssetKind, scanned: ScannedAsset, now: datetime) -> StoredAsset:
	"""Insert a new entry or refresh a known one; a changed size or mtime drops the cached hashes."""
	query = select(AssetRow).where(AssetRow.kind == kind.value, AssetRow.relative_path == scanned.relative_path)
	row = session.scalar(query)
	if row is None:
		row = AssetRow(
			kind=kind.value,
			name=_free_name(session, kind, scanned.name),
			relative_path=scanned.relative_path,
			is_default=False,
			added_at=now,
			size=scanned.size,
			mtime=scanned.mtime,
		)
		session.add(row)
	elif (row.size, row.mtime) != (scanned.size, scanned.mtime):
		row.sha256 = row.autov2 = row.addnet_hash = None
	row.format, row.family, row.status, row.problem = (
		scanned.format,
		scanned.family.value,
		scanned.status,
		scanned.problem,
	)
	row.size, row.mtime = scanned.size, scanned.mtime
	row.metadata_json = metadata_json(dict(scanned.metadata))
	row.details_json = scanned.details_json
	session.flush()
	return stored_asset(row)


def _free_name(session: Session, kind: AssetKind, wanted: str) -> str:
	"""`wanted`, or `wanted (2)`...: names are unique regardless of case (prompts match them without case)."""
	taken = {name.casefold() for name in session.scalars(select(AssetRow.name).where(AssetRow.kind == kind.value))}
	name, counter = wanted, 2
	while name.casefold() in taken:
		name, counter = f'{wanted} ({counter})', counter + 1
	return name


@driver_errors
def mark_missing(session: Session, *, kind: AssetKind, present: Collection[str], folder: str) -> int:
	"""Flag every row of `kind` whose relative path the scan did not see; returns how many are missing now."""
	missing = 0
	for row in session.scalars(select(AssetRow).where(AssetRow.kind == kind.value)):
		if row.relative_path not in present:
			row.status, row.problem = 'missing', f'{row.relative_path} is no longer in the {folder}'
			missing += 1
	session.flush()
	return missing


@driver_errors
def assets_needing_hash(session: Session) -> list[StoredAsset]:
	"""Files of every kind whose hashes are not cached yet (diffusers folders and missing files have none)."""
	query = select(AssetRow).where(
		AssetRow.sha256.is_(None), AssetRow.status.in_(HASHABLE_STATUSES), AssetRow.format != 'diffusers'
	)
	return [stored_asset(row) for row in session.scalars(query.order_by(AssetRow.id))]


@driver_errors
def set_hashes(session: Session, *, asset_id: int, hashes: FileHashes, size: int, mtime: float) -> bool:
	"""Store hashes only if the row still describes the file that was hashed (same size and mtime)."""
	row = session.get(AssetRow, asset_id)
	if row is None or row.size != size or row.mtime != mtime:
		return False
	row.sha256, row.autov2, row.addnet_hash = hashes.sha256, hashes.autov2, hashes.addnet
	session.flush()
	return True
