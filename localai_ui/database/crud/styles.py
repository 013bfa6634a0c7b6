"""Style queries: a Session first, keyword-only arguments, frozen StyleRecords out, DatabaseError on driver failure."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.tables.styles import StylePreviewRow, StyleRow
from localai_ui.schemas.styles import StyleRecord, StyleText


def style_record(row: StyleRow) -> StyleRecord:
	return StyleRecord(
		id=row.id,
		name=row.name,
		category=row.category,
		prompt=row.prompt,
		negative_prompt=row.negative_prompt,
		builtin_key=row.builtin_key,
		builtin_hash=row.builtin_hash,
		updated_at=row.updated_at,
	)


def _row(session: Session, style_id: int) -> StyleRow:
	row = session.get(StyleRow, style_id)
	if row is None:
		raise RecordNotFoundError(f'styles: style {style_id} does not exist')
	return row


@driver_errors
def list_styles(session: Session) -> list[StyleRecord]:
	"""Every style, by category then name."""
	query = select(StyleRow).order_by(StyleRow.category, StyleRow.name)
	return [style_record(row) for row in session.scalars(query)]


@driver_errors
def find_style(session: Session, *, name: str) -> StyleRecord | None:
	row = session.scalars(select(StyleRow).where(StyleRow.name == name)).one_or_none()
	return None if row is None else style_record(row)


@driver_errors
def add_style(
	session: Session,
	*,
	text: StyleText,
	now: datetime,
	builtin_key: str | None = None,
	builtin_hash: str | None = None,
) -> StyleRecord:
	"""Store a new style; a name already taken breaks the unique constraint (DatabaseError)."""
	row = StyleRow(
		name=text.name,
		category=text.category,
		prompt=text.prompt,
		negative_prompt=text.negative_prompt,
		builtin_key=builtin_key,
		builtin_hash=builtin_hash,
		created_at=now,
		updated_at=now,
	)
	session.add(row)
	session.flush()
	return style_record(row)


@driver_errors
def update_style(
	session: Session, *, style_id: int, text: StyleText, now: datetime, builtin_hash: str | None = None
) -> StyleRecord:
	"""Replace a style's name and texts; builtin_hash is only for refreshing a shipped style."""
	row = _row(session, style_id)
	row.name = text.name
	row.category = text.category
	row.prompt = text.prompt
	row.negative_prompt = text.negative_prompt
	row.builtin_hash = builtin_hash if row.builtin_key is not None else None
	row.updated_at = now
	session.flush()
	return style_record(row)


@driver_errors
def delete_style(session: Session, *, style_id: int) -> None:
	"""Remove a style; raises RecordNotFoundError when the id is unknown."""
	session.delete(_row(session, style_id))
	session.flush()


@driver_errors
def style_preview_files(session: Session) -> dict[int, str]:
	"""Each style's preview file name, by style id (styles without one are absent)."""
	return {row.style_id: row.file_name for row in session.scalars(select(StylePreviewRow))}


@driver_errors
def set_style_preview(session: Session, *, style_id: int, file_name: str, now: datetime) -> str | None:
	"""Record the style's preview file; returns the file it replaced, if any (the caller removes it)."""
	_row(session, style_id)
	row = session.get(StylePreviewRow, style_id)
	old = None if row is None else row.file_name
	if row is None:
		session.add(StylePreviewRow(style_id=style_id, file_name=file_name, updated_at=now))
	else:
		row.file_name = file_name
		row.updated_at = now
	session.flush()
	return old
