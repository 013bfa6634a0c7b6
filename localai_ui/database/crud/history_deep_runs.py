"""A page jumped to deep by number under two or more run filters (model, sampler, status) and no text: the filters'
indexes, each newest first, are merged by SQLite's INTERSECT (each read once in order, no run row read), each merged
run's images are counted on the images' run index, and Python sums the counts to find the page's runs. Walking one
filter's index would read the run row of every run it skips to check the others (~1 µs each).
"""

import json
from bisect import bisect_left, bisect_right
from itertools import accumulate, pairwise

from sqlalchemy import ColumnElement, Integer, func, intersect, literal_column, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_lead import before_cursor, cursor_range
from localai_ui.database.tables.generations import GenerationRow, ImageRow

CHUNK = 1000  # merged runs read at least this many at a time


def _merged(
	session: Session,
	equalities: list[ColumnElement[bool]],
	images: list[ColumnElement[bool]],
	bounds: tuple[int | None, int | None],
	most: int,
) -> tuple[list[int], list[int]] | None:
	"""Up to `most` runs newest first inside `bounds` that every filter holds, with how many `images` each has; None
	when SQLite did not hand them in merge order."""
	low, high = bounds
	inside = ([] if low is None else [GenerationRow.id >= low]) + ([] if high is None else [GenerationRow.id <= high])
	streams = [select(GenerationRow.id).where(equality, *inside) for equality in equalities]
	merged = intersect(*streams).order_by(literal_column('1', Integer()).desc()).subquery()
	owned = ImageRow.generation_id == merged.c.id
	count = select(func.count()).select_from(ImageRow).where(owned, *images).scalar_subquery()
	rows = select(merged.c.id, count.label('images')).limit(most).subquery()
	# One JSON array each: thousands of result rows would each be an object for Python's collector to track.
	found = select(func.json_group_array(rows.c.id), func.json_group_array(rows.c.images))
	ids_json, counts_json = session.execute(found).tuples().one()
	runs, counts = [int(value) for value in json.loads(ids_json)], [int(value) for value in json.loads(counts_json)]
	return None if any(newer <= older for newer, older in pairwise(runs)) else (runs, counts)


def deep_runs_page(
	session: Session,
	equalities: list[ColumnElement[bool]],
	images: list[ColumnElement[bool]],
	bounds: tuple[int, int] | None,
	after: tuple[int, int] | None,
	limit: int,
	offset: int,
) -> list[int] | None:
	"""Image ids offset .. offset+limit of the `images` of runs every one of `equalities` (two or more) holds, inside
	the run id `bounds`, below the `after` cursor; None when the merge did not keep its order (the caller then skips
	by a plain OFFSET)."""
	runs: list[int] = []
	counts: list[int] = []
	images = [*images, *([] if after is None else [before_cursor(after)])]
	low, high = cursor_range(bounds, after)
	while sum(counts) < offset + limit:
		most = max(offset + limit - sum(counts), CHUNK)
		chunk = _merged(session, equalities, images, (low, high), most)
		if chunk is None:
			return None
		runs += chunk[0]
		counts += chunk[1]
		if len(chunk[0]) < most:
			break
		high = chunk[0][-1] - 1
	totals = list(accumulate(counts))
	first = bisect_right(totals, offset)  # the run holding the page's first image
	if first == len(runs):
		return []
	last = bisect_left(totals, offset + limit, lo=first)
	chosen = json.dumps(runs[first : last + 1])
	listed = select(literal_column('value', Integer())).select_from(func.json_each(chosen))
	found = select(ImageRow.id).where(ImageRow.generation_id.in_(listed), *images)
	ids = list(session.scalars(found.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())))
	skipped = offset - (totals[first - 1] if first else 0)
	return ids[skipped : skipped + limit]
