"""History reads: full-text search with filters, paged newest first, and one image with its run."""

import re

from sqlalchemy import ColumnElement, Integer, Select, func, literal_column, select, table
from sqlalchemy.orm import Session

from localai_ui.database.crud.generation_records import generation_record
from localai_ui.database.errors import driver_errors
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryDetails, HistoryFilters, HistoryItem

MAX_TERMS = 16
WORD = re.compile(r'\w+')


def fts_query(text: str) -> str | None:
	"""User text as an FTS5 query: every word must occur, as a word or a word's start; None when there is no word."""
	words = WORD.findall(text.casefold())[:MAX_TERMS]
	return ' '.join(f'"{word}"*' for word in words) or None


def _conditions(filters: HistoryFilters) -> list[ColumnElement[bool]]:
	conditions: list[ColumnElement[bool]] = []
	query = fts_query(filters.text)
	if query is not None:
		fts = table(FTS_TABLE)
		matching = (
			select(literal_column('rowid', Integer))
			.select_from(fts)
			.where(literal_column(FTS_TABLE).op('MATCH')(query))
		)
		conditions.append(GenerationRow.id.in_(matching))
	if filters.model:
		conditions.append(GenerationRow.model_name == filters.model)
	if filters.sampler:
		conditions.append(GenerationRow.sampler == filters.sampler)
	if filters.status is not None:
		conditions.append(GenerationRow.status == filters.status.value)
	if filters.favourites_only:
		conditions.append(ImageRow.favourite.is_(True))
	if filters.started_from is not None:
		conditions.append(GenerationRow.started_at >= filters.started_from)
	if filters.started_before is not None:
		conditions.append(GenerationRow.started_at < filters.started_before)
	return conditions


def _items_query() -> Select[tuple[ImageRow, str]]:
	return select(ImageRow, GenerationRow.prompt).join(GenerationRow, ImageRow.generation_id == GenerationRow.id)


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
	)


@driver_errors
def search_images(
	session: Session, *, filters: HistoryFilters, limit: int, offset: int
) -> tuple[list[HistoryItem], bool]:
	"""Up to `limit` images matching `filters`, newest first, after skipping `offset`; and whether more follow."""
	query = (
		_items_query()
		.where(*_conditions(filters))
		.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())
		.limit(limit + 1)
		.offset(offset)
	)
	rows = [_item(image, prompt) for image, prompt in session.execute(query).tuples()]
	return rows[:limit], len(rows) > limit


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
def latest_image_id(session: Session) -> int:
	"""The newest image's id (0 when there is none): cheap enough to poll."""
	return session.scalar(select(func.max(ImageRow.id))) or 0


@driver_errors
def model_names(session: Session) -> list[str]:
	return list(session.scalars(select(GenerationRow.model_name).distinct().order_by(GenerationRow.model_name)))
