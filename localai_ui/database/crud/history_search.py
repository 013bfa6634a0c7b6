"""History reads: full-text search with filters, paged newest first, and one image with its run."""

from sqlalchemy import func, literal_column, select, text
from sqlalchemy.orm import Session

from localai_ui.database.crud.generation_records import generation_record
from localai_ui.database.crud.history_lead import image_conditions, run_equalities
from localai_ui.database.crud.history_pages import page_ids
from localai_ui.database.crud.history_plan import FTS, MAX_TERMS, WORD, date_conditions
from localai_ui.database.errors import driver_errors
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryDetails, HistoryFilters, HistoryItem

# Each step seeks the next larger name in ix_generations_model_name: a few reads per model, not one per run.
MODEL_NAMES = text(
	'WITH RECURSIVE names(name) AS (SELECT min(model_name) FROM generations UNION ALL '
	'SELECT (SELECT min(model_name) FROM generations WHERE model_name > name) FROM names WHERE name IS NOT NULL) '
	'SELECT name FROM names WHERE name IS NOT NULL'
)


def fts_query(text: str) -> str | None:
	"""User text as an FTS5 query: every word must occur, as a word or a word's start; None when there is no word."""
	words = WORD.findall(text.casefold())[:MAX_TERMS]
	return ' '.join(f'"{word}"*' for word in words) or None


def _item(image: ImageRow, prompt: str) -> HistoryItem:
	return HistoryItem(
		image_id=image.id,
		generation_id=image.generation_id,
		path=image.path,
		thumbnail_path=image.thumbnail_path,
		seed=image.seed,
		prompt=prompt,
		favourite=image.favourite,
		file_missing=image.file_missing,
		created_at=image.created_at,
		flagged=image.flagged,
	)


@driver_errors
def search_images(
	session: Session, *, filters: HistoryFilters, limit: int, offset: int, after: tuple[int, int] | None = None
) -> tuple[list[HistoryItem], bool]:
	"""Up to `limit` images matching `filters`, newest first, after skipping `offset`; and whether more follow.

	`after`, the (generation_id, image_id) of the last image shown, starts the page below it: the next page by a seek,
	as fast at page 20,000 as at page 2, where an offset reads every image it skips.
	"""
	ids = page_ids(session, filters, limit=limit + 1, offset=offset, after=after)
	query = (
		select(ImageRow, GenerationRow.prompt)
		.join(GenerationRow, ImageRow.generation_id == GenerationRow.id)
		.where(ImageRow.id.in_(ids[:limit]))
	)
	found = {image.id: _item(image, prompt) for image, prompt in session.execute(query).tuples()}
	return [found[image_id] for image_id in ids[:limit]], len(ids) > limit


@driver_errors
def image_count(session: Session, *, filters: HistoryFilters) -> int:
	"""How many images match `filters`: a full count the tab never asks for (the bench and API pagers may)."""
	conditions = [*run_equalities(filters), *date_conditions(filters.started_from, filters.started_before)]
	query = fts_query(filters.text)
	if query is not None:
		matching = select(FTS.c.rowid).where(literal_column(FTS_TABLE).op('MATCH')(query))
		conditions.append(GenerationRow.id.in_(matching))
	counted = select(func.count()).select_from(ImageRow).join(GenerationRow, ImageRow.generation_id == GenerationRow.id)
	return session.scalar(counted.where(*conditions, *image_conditions(filters))) or 0


@driver_errors
def get_image_details(session: Session, *, image_id: int) -> HistoryDetails | None:
	image = session.get(ImageRow, image_id)
	if image is None:
		return None
	generation = session.get_one(GenerationRow, image.generation_id)
	return HistoryDetails(
		_item(image, generation.prompt), generation_record(generation), image.index, image.width, image.height
	)


@driver_errors
def get_items(session: Session, *, image_ids: list[int]) -> list[HistoryDetails]:
	"""The named images with their runs, in the order given; unknown ids are skipped."""
	found = [get_image_details(session, image_id=image_id) for image_id in image_ids]
	return [details for details in found if details is not None]


@driver_errors
def image_position(session: Session, *, image_id: int) -> tuple[int, int] | None:
	"""(generation_id, image_id) of an image, the seek point of the page after it; None when it is gone."""
	generation_id = session.scalar(select(ImageRow.generation_id).where(ImageRow.id == image_id))
	return None if generation_id is None else (int(generation_id), image_id)


@driver_errors
def latest_image_id(session: Session) -> int:
	"""The newest image's id (0 when there is none): cheap enough to poll."""
	return session.scalar(select(func.max(ImageRow.id))) or 0


@driver_errors
def model_names(session: Session) -> list[str]:
	"""Every model name used, sorted."""
	return [str(name) for name in session.scalars(MODEL_NAMES)]
