"""History writes: favourites, thumbnails, deleting images, and the startup consistency pass."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.schemas.progress import RunStatus


def _image(session: Session, image_id: int) -> ImageRow:
	row = session.get(ImageRow, image_id)
	if row is None:
		raise RecordNotFoundError(f'history database: image {image_id} does not exist')
	return row


@driver_errors
def set_thumbnail(session: Session, *, image_id: int, thumbnail_path: str | None) -> None:
	_image(session, image_id).thumbnail_path = thumbnail_path
	session.flush()


@driver_errors
def set_favourite(session: Session, *, image_id: int, favourite: bool) -> None:
	_image(session, image_id).favourite = favourite
	session.flush()


@driver_errors
def delete_image(session: Session, *, image_id: int) -> tuple[str, str | None]:
	"""Delete the image's row, and its run's row once no image is left; returns (path, thumbnail) to remove."""
	row = _image(session, image_id)
	files = (row.path, row.thumbnail_path)
	generation_id = row.generation_id
	session.delete(row)
	session.flush()
	left = session.scalar(select(func.count()).where(ImageRow.generation_id == generation_id)) or 0
	if not left:
		generation = session.get(GenerationRow, generation_id)
		if generation is not None:
			session.delete(generation)
			session.flush()
	return files


@driver_errors
def image_ids_of(session: Session, *, generation_id: int) -> list[int]:
	query = select(ImageRow.id).where(ImageRow.generation_id == generation_id).order_by(ImageRow.index, ImageRow.id)
	return list(session.scalars(query))


@driver_errors
def interrupt_running(session: Session, *, finished_at: datetime) -> int:
	"""Mark runs a crash left 'running' as interrupted; returns how many there were."""
	running = GenerationRow.status == RunStatus.RUNNING.value
	count = session.scalar(select(func.count()).select_from(GenerationRow).where(running)) or 0
	if count:
		values = {'status': RunStatus.INTERRUPTED.value, 'finished_at': finished_at}
		session.execute(update(GenerationRow).where(running).values(values))
	return count


@driver_errors
def image_files(session: Session) -> list[tuple[int, str, bool]]:
	"""(id, path, file_missing) of every image row, for the startup file check."""
	query = select(ImageRow.id, ImageRow.path, ImageRow.file_missing)
	return [(image_id, path, missing) for image_id, path, missing in session.execute(query).tuples()]


@driver_errors
def set_file_missing(session: Session, *, image_ids: Iterable[int], missing: bool) -> None:
	ids = list(image_ids)
	for start in range(0, len(ids), 500):
		chunk = ids[start : start + 500]
		session.execute(update(ImageRow).where(ImageRow.id.in_(chunk)).values(file_missing=missing))
