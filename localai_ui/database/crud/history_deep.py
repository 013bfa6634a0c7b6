"""A text search's page jumped to by number, deep in the hits: the offset is skipped on the text index's hits joined
to the images' run index only (both read in order, no sort), which yields the run of every position of the page; then
the page's images are read for those runs alone. An OFFSET reads every image it skips; this keeps each read narrow.
"""

import json

from sqlalchemy import ColumnElement, Integer, column, func, literal_column, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_lead import before_cursor, image_conditions, run_equalities
from localai_ui.database.crud.history_plan import FTS
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryFilters


def _page_of_hits(
	session: Session,
	match: str,
	*,
	runs: list[ColumnElement[bool]],
	hit_range: list[ColumnElement[bool]],
	images: list[ColumnElement[bool]],
	limit: int,
	offset: int,
) -> list[int] | None:
	"""Image ids offset .. offset+limit of the images (`images`) of runs matching `match` and `runs` ('+generations'
	columns), inside `hit_range` (on the text index's rowid); None when one run fills the whole page (rare: the caller's
	plain OFFSET then finds where in that run the page starts)."""
	hits = select(FTS.c.rowid).select_from(FTS).join(ImageRow, ImageRow.generation_id == FTS.c.rowid)
	if runs:
		hits = hits.join(GenerationRow, GenerationRow.id == FTS.c.rowid)
	hits = hits.where(literal_column(FTS_TABLE).op('MATCH')(match), *hit_range, *runs, *images)
	# Ordered by the run alone, FTS5 hands the hits newest first (no sort); images of one run are ties, but the run
	# at each position of the page is the same in any order of them.
	hits = hits.order_by(FTS.c.rowid.desc()).limit(limit + 1).offset(offset)
	window = [int(run_id) for run_id in session.scalars(hits)]
	if not window:
		return []
	first = window[0]
	shown = next((index for index, run_id in enumerate(window) if run_id != first), None)
	if shown is None and len(window) > limit:
		return None
	chosen = list(dict.fromkeys(window))
	listed = select(column('value', Integer)).select_from(func.json_each(json.dumps(chosen)))
	found = select(ImageRow.id, ImageRow.generation_id).where(ImageRow.generation_id.in_(listed), *images)
	rows = list(session.execute(found.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())).tuples())
	skipped = sum(run_id == first for _, run_id in rows) - (len(window) if shown is None else shown)
	return [image_id for image_id, _ in rows[skipped : skipped + limit]]


def deep_text_page(
	session: Session,
	filters: HistoryFilters,
	match: str,
	dates: list[ColumnElement[bool]],
	bounds: tuple[int, int] | None,
	after: tuple[int, int] | None,
	limit: int,
	offset: int,
) -> list[int] | None:
	"""Page offset .. offset+limit of a text search with `filters`, deep in its hits; None where one run fills it
	(`dates`: the date filters left to check per run, `bounds`: the run id range, `after`: the cursor)."""
	images = image_conditions(filters)
	hit_range: list[ColumnElement[bool]] = [] if bounds is None else [FTS.c.rowid.between(*bounds)]
	if after is not None:
		images.append(before_cursor(after))
		hit_range.append(FTS.c.rowid <= after[0])
	runs = [*run_equalities(filters, indexed=False), *dates]
	return _page_of_hits(session, match, runs=runs, hit_range=hit_range, images=images, limit=limit, offset=offset)
