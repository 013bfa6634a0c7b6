"""History queries: a Session first, keyword-only arguments, frozen records out, DatabaseError on driver failure."""

from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePosixPath

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.generation_records import generation_record, image_record, seeds_to_json
from localai_ui.database.errors import RecordNotFoundError, driver_errors
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord, ImageRecord


def _checked_image_path(path: str) -> str:
	parts = PurePosixPath(path).parts
	if not parts or '\\' in path or PurePosixPath(path).is_absolute() or '..' in parts:
		raise ValueError(f'{path!r}: image paths must be relative to the outputs folder, with forward slashes')
	return path


@driver_errors
def create_generation(
	session: Session,
	*,
	request: GenerationRequest,
	model_name: str,
	model_hash: str | None,
	seeds: Sequence[int],
	started_at: datetime,
	asked: GenerationRequest | None = None,
) -> int:
	"""Record a run as it starts (status running); seed is the first resolved seed, never -1.

	The columns hold what ran (styles applied); request_json keeps `asked`, the request as the user made it, so
	sending it back to Generate restores it without applying the styles twice.
	"""
	if not seeds:
		raise ValueError('create_generation needs the resolved seeds, one per image')
	row = GenerationRow(
		status=RunStatus.RUNNING.value,
		prompt=request.prompt,
		negative_prompt=request.negative_prompt,
		model_name=model_name,
		model_hash=model_hash,
		sampler=request.sampler,
		schedule=request.schedule,
		steps=request.steps,
		cfg_scale=request.cfg_scale,
		width=request.width,
		height=request.height,
		seed=seeds[0],
		batch_count=request.batch_count,
		batch_size=request.batch_size,
		seeds=seeds_to_json(seeds),
		request_json=(asked or request).model_dump_json(),
		infotext='',
		started_at=started_at,
		mode=request.mode,
	)
	session.add(row)
	session.flush()
	return row.id


@driver_errors
def finish_generation(
	session: Session,
	*,
	generation_id: int,
	status: RunStatus,
	finished_at: datetime,
	it_per_s: float | None,
	error: str | None,
	infotext: str,
) -> None:
	"""Store how a run ended; raises RecordNotFoundError when the id is unknown."""
	row = session.get(GenerationRow, generation_id)
	if row is None:
		raise RecordNotFoundError(f'history database: generation {generation_id} does not exist')
	row.status = status.value
	row.finished_at = finished_at
	row.it_per_s = it_per_s
	row.error = error
	row.infotext = infotext
	session.flush()


@driver_errors
def add_image(
	session: Session,
	*,
	generation_id: int,
	path: str,
	seed: int,
	index: int,
	width: int,
	height: int,
	created_at: datetime,
	flagged: bool = False,
) -> int:
	"""Record a saved image file; path is relative to the outputs folder and unique; `flagged` by the safety checker."""
	row = ImageRow(
		generation_id=generation_id,
		path=_checked_image_path(path),
		seed=seed,
		index=index,
		width=width,
		height=height,
		created_at=created_at,
		flagged=flagged,
	)
	session.add(row)
	session.flush()
	return row.id


@driver_errors
def get_generation(session: Session, *, generation_id: int) -> GenerationRecord | None:
	row = session.get(GenerationRow, generation_id)
	return None if row is None else generation_record(row)


@driver_errors
def list_images(session: Session, *, generation_id: int) -> list[ImageRecord]:
	"""The run's images in output order."""
	query = select(ImageRow).where(ImageRow.generation_id == generation_id).order_by(ImageRow.index, ImageRow.id)
	return [image_record(row) for row in session.scalars(query)]


@driver_errors
def count_generations(session: Session) -> int:
	return session.scalar(select(func.count()).select_from(GenerationRow)) or 0
