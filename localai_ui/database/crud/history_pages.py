"""Which images make a History page: the ids of one page, found by the walk that reads the fewest rows for the filters.

Without text, one query walks runs (a run filter's index, newest first) or images (favourites, flagged, or everything).
With text, runs are walked in the text index's order, or by a rare filter's index when one matches only a few runs, or
the few favourite/flagged images lead (history_text_images). Dates of any width are a run id range (history_plan).
Deep pages jumped to by number skip runs on indexes (history_counts, history_deep, history_deep_runs), not whole rows.
"""

from sqlalchemy import ColumnElement, Select, exists, func, literal, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from localai_ui.database.crud.history_counts import deep_page_by_counts
from localai_ui.database.crud.history_deep import deep_text_page
from localai_ui.database.crud.history_deep_runs import deep_runs_page
from localai_ui.database.crud.history_lead import (
	before_cursor,
	image_conditions,
	images_led,
	lead_by_images,
	led_equalities,
	run_equalities,
)
from localai_ui.database.crud.history_plan import (
	FTS,
	dates_to_check,
	id_range,
	match_query,
	rare_filter,
)
from localai_ui.database.crud.history_text_images import text_page_by_images
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryFilters

DEEP_OFFSET = 1000  # past this many images, a page is found by skipping runs (history_deep*), not by a plain OFFSET


def _hit(match: str) -> ColumnElement[bool]:
	return literal_column(FTS_TABLE).op('MATCH')(match)


def _within(
	ids: ColumnElement[int] | InstrumentedAttribute[int], bounds: tuple[int, int] | None
) -> list[ColumnElement[bool]]:
	return [] if bounds is None else [ids.between(*bounds)]


def _images_of_runs(images: list[ColumnElement[bool]], runs: list[ColumnElement[bool]]) -> Select[tuple[int]]:
	"""Image ids newest first: by runs when a run filter can lead, else by the images (favourites) index alone."""
	if not runs:
		return select(ImageRow.id).where(*images).order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())
	query = select(ImageRow.id).join(GenerationRow, ImageRow.generation_id == GenerationRow.id)
	return query.where(*runs, *images).order_by(GenerationRow.id.desc(), ImageRow.id.desc())


def _text_runs(
	match: str, images: list[ColumnElement[bool]], runs: list[ColumnElement[bool]], *, rare: bool
) -> Select[tuple[int, int]]:
	"""Matching runs that have a matching image, newest first, with how many; walked by the text index, or by a rare
	filter's index (`rare`) checking the text of each run."""
	owned = ImageRow.generation_id == GenerationRow.id
	has_image = exists().where(owned, *images)
	count = select(func.count()).where(owned, *images).scalar_subquery()
	hit = _hit(match)
	if rare:
		text = exists(select(literal(1)).select_from(FTS).where(hit, FTS.c.rowid == GenerationRow.id))
		query = select(GenerationRow.id, count).where(*runs, has_image, text)  # the cheap image probe first
		return query.order_by(GenerationRow.id.desc())
	query = select(GenerationRow.id, count).select_from(FTS).join(GenerationRow, GenerationRow.id == FTS.c.rowid)
	return query.where(hit, *runs, has_image).order_by(FTS.c.rowid.desc())


def _text_page(
	session: Session, query: Select[tuple[int, int]], images: list[ColumnElement[bool]], limit: int, offset: int
) -> list[int]:
	"""The runs that hold images offset .. offset+limit, then those images in page order."""
	chosen: list[int] = []
	before = seen = 0
	for run_id, count in session.execute(query.limit(offset + limit)).tuples():
		if seen + count <= offset:
			seen += count
			before = seen
			continue
		chosen.append(run_id)
		seen += count
		if seen >= offset + limit:
			break
	if not chosen:
		return []
	found = select(ImageRow.id).where(ImageRow.generation_id.in_(chosen), *images)
	ids = list(session.scalars(found.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())))
	return ids[offset - before : offset - before + limit]


def page_ids(
	session: Session, filters: HistoryFilters, *, limit: int, offset: int, after: tuple[int, int] | None = None
) -> list[int]:
	"""Up to `limit` image ids matching `filters` after skipping `offset`, newest run first; with `after` (a shown
	image's run and image id), only images older than it: the next page by a seek rather than by skipping."""
	bounds = id_range(session, filters.started_from, filters.started_before)
	if bounds is not None and after is not None:
		bounds = (bounds[0], min(bounds[1], after[0]))  # one upper bound: SQLite would seek by the other, then skip
	if bounds is not None and bounds[0] > bounds[1]:
		return []
	dates = dates_to_check(session, filters.started_from, filters.started_before, bounds)
	match = match_query(session, filters.text)
	few = lead_by_images(session, filters, text=match is not None)
	if few is not None:
		if match is not None:
			return text_page_by_images(
				session, filters, match, dates=dates, bounds=bounds, after=after, limit=limit, offset=offset
			)
		led = images_led(filters, dates, bounds, after).limit(limit).offset(offset)
		return [image_id for image_id, _ in session.execute(led)]
	equalities = run_equalities(filters)
	counted = after is None and offset > DEEP_OFFSET and not dates and not image_conditions(filters)
	if counted and len(equalities) == (0 if match is not None else 1):  # text alone or one run filter: stored counts
		return deep_page_by_counts(session, filters, match, bounds, limit=limit, offset=offset)
	if match is None and not dates and len(equalities) > 1 and offset > DEEP_OFFSET:
		page = deep_runs_page(session, equalities, image_conditions(filters), bounds, after, limit, offset)
		if page is not None:
			return page
	has_image = exists().where(ImageRow.generation_id == GenerationRow.id, *image_conditions(filters))
	rare = match is not None and rare_filter(session, equalities, has_image)
	deep = match is not None and not rare and offset > DEEP_OFFSET
	if deep and match is not None:
		page = deep_text_page(session, filters, match, dates, bounds, after, limit, offset)
		if page is not None:
			return page
	walk_text = match is not None and not deep and not rare
	run_ids = FTS.c.rowid if walk_text else GenerationRow.id
	# Without text or a run filter, the run id range is the images' own: their run index is read alone, no run row.
	images_only = match is None and not equalities and not dates
	leading = led_equalities(session, filters) if len(equalities) > 1 else equalities
	runs = [*leading, *dates, *([] if images_only else _within(run_ids, bounds))]
	if deep and match is not None:
		runs.append(GenerationRow.id.in_(select(FTS.c.rowid).where(_hit(match))))
	# Walking runs below a cursor, SQLite would join the favourites index by a range, not per run: keep it out.
	images = image_conditions(filters, indexed=not runs or after is None or walk_text or rare)
	images += _within(ImageRow.generation_id, bounds) if images_only else []
	if after is not None:
		run_id = after[0]
		images.append(before_cursor(after))
		if bounds is None and (runs or match is not None):
			runs.append(run_ids <= run_id)
		elif bounds is None:
			images.append(ImageRow.generation_id <= run_id)  # images lead: their index seeks to the cursor
	if match is not None and not deep:
		return _text_page(session, _text_runs(match, images, runs, rare=rare), images, limit, offset)
	return list(session.scalars(_images_of_runs(images, runs).limit(limit).offset(offset)))
