"""Asset changes the user asks for: default, VAE choice, preview picture, rename, delete, last used."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from localai_ui.database.crud.asset_records import stored_asset
from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.tables.assets import AssetRow
from localai_ui.schemas.assets import AssetKind, StoredAsset


def _row(session: Session, kind: AssetKind, name: str) -> AssetRow:
	row = session.scalar(select(AssetRow).where(AssetRow.kind == kind.value, AssetRow.name == name))
	if row is None:
		raise RecordNotFoundError(f'{kind.value} library: nothing named {name!r}')
	return row


@driver_errors
def set_default(session: Session, *, kind: AssetKind, name: str) -> None:
	"""Make `name` the only default of its kind."""
	row = _row(session, kind, name)
	session.execute(update(AssetRow).where(AssetRow.kind == kind.value).values(is_default=False))
	row.is_default = True
	session.flush()


@driver_errors
def rename_asset(session: Session, *, kind: AssetKind, name: str, new_name: str, relative_path: str) -> StoredAsset:
	row = _row(session, kind, name)
	row.name, row.relative_path = new_name, relative_path
	session.flush()
	return stored_asset(row)


@driver_errors
def set_vae(session: Session, *, kind: AssetKind, name: str, vae: str | None) -> StoredAsset:
	row = _row(session, kind, name)
	row.vae = vae
	session.flush()
	return stored_asset(row)


@driver_errors
def set_preview(session: Session, *, kind: AssetKind, name: str, preview_path: str | None) -> StoredAsset:
	row = _row(session, kind, name)
	row.preview_path = preview_path
	session.flush()
	return stored_asset(row)


@driver_errors
def touch_last_used(session: Session, *, kind: AssetKind, name: str, when: datetime) -> None:
	row = session.scalar(select(AssetRow).where(AssetRow.kind == kind.value, AssetRow.name == name))
	if row is not None:
		row.last_used_at = when
		session.flush()


@driver_errors
def delete_asset(session: Session, *, kind: AssetKind, name: str) -> None:
	session.delete(_row(session, kind, name))
	session.flush()
