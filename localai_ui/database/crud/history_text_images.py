"""A text search with favourites or flagged only, when those images are few (history_lead): the runs of those images
(their index, newest first) and the text index's hits (newest first) are merged by SQLite's INTERSECT, which reads
each list once in order and probes neither (a probe of the text index by run costs ~20 µs); only the runs both hold
are checked against the run filters. The cost is bounded by the images and the hits read, also for a page jumped to
by number.
"""

import json
from itertools import pairwise

from sqlalchemy import ColumnElement, Integer, Select, column, exists, func, literal, literal_column, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_lead import before_cursor, cursor_range, image_conditions, run_equalities
from localai_ui.database.crud.history_plan import FTS
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryFilters


def _hit(match: str) -> ColumnElement[bool]:
	return literal_column(FTS_TABLE).op('MATCH')(match)


def _ids(session: Session, query: Select[tuple[int]]) -> list[int]:
	"""The query's ids in the order read, as one JSON array: thousands of result rows would each be an object for
	Python's collector to track (its full passes cost ~30 ms in this process)."""
	listed = query.subquery()
	return [int(value) for value in json.loads(session.scalar(select(func.json_group_array(listed.c[0]))) or '[]')]


def text_page_by_images(
	session: Session,
	filters: HistoryFilters,
	match: str,
	*,
	dates: list[ColumnElement[bool]],
	bounds: tuple[int, int] | None,
	after: tuple[int, int] | None,
	limit: int,
	offset: int,
) -> list[int]:
	"""Image ids offset .. offset+limit of the favourite/flagged images whose run's prompts match `match`; `dates`
	are the date filters left to check per run (none where the run id range alone holds them)."""
	images = image_conditions(filters) + ([] if after is None else [before_cursor(after)])
	low, high = cursor_range(bounds, after)
	hits, inside = [_hit(match)], list[ColumnElement[bool]]()
	for ids, conditions in ((ImageRow.generation_id, inside), (FTS.c.rowid, hits)):
		conditions += [] if low is None else [ids >= low]
		conditions += [] if high is None else [ids <= high]
	# ORDER BY on the compound makes SQLite merge the two ordered lists (MERGE (INTERSECT)); an outer ORDER BY would
	# make it build and sort both instead, so the merge's order is the order read (checked below).
	both = select(ImageRow.generation_id).where(*images, *inside).intersect(select(FTS.c.rowid).where(*hits))
	merged = both.order_by(literal_column('1', Integer()).desc()).subquery()
	runs = select(merged.c.generation_id)
	checks = [*run_equalities(filters, indexed=False), *dates]
	if checks:
		run = select(literal(1)).select_from(GenerationRow).where(GenerationRow.id == merged.c.generation_id, *checks)
		runs = runs.where(exists(run))
	chosen = _ids(session, runs.limit(offset + limit))
	if any(newer <= older for newer, older in pairwise(chosen)):  # not merged in order: read them all (the images
		chosen = sorted(_ids(session, runs), reverse=True)[: offset + limit]  # are at most FEW_IMAGES)
	if not chosen:
		return []
	listed = select(column('value', Integer)).select_from(func.json_each(json.dumps(chosen)))
	found = select(ImageRow.id).where(ImageRow.generation_id.in_(listed), *images)
	ids = _ids(session, found.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc()))
	return ids[offset : offset + limit]
