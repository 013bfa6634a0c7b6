"""A text search with favourites or flagged only, when those images are few: they are walked newest first in growing
chunks, and each chunk's runs are matched against the text index's hits inside the chunk's run id range. The cost is
bounded by those images and the hits read, also for a page jumped to by number, where walking the hits is not.
"""

import json

from sqlalchemy import Integer, column, func, literal_column, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_lead import capped_count, images_led
from localai_ui.database.crud.history_plan import FTS
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.schemas.history import HistoryFilters

FIRST_CHUNK = 500
LAST_CHUNK = 8000


def more_hits_than(session: Session, match: str, count: int) -> bool:
	"""Whether the text matches more than `count` runs (reads at most count + 1 hits): else walking the hits is
	cheaper than walking the images."""
	hits = select(FTS.c.rowid).where(literal_column(FTS_TABLE).op('MATCH')(match)).limit(count + 1)
	return capped_count(session, hits, count + 1) > count


def text_page_by_images(
	session: Session,
	filters: HistoryFilters,
	match: str,
	*,
	bounds: tuple[int, int] | None,
	after: tuple[int, int] | None,
	limit: int,
	offset: int,
) -> list[int]:
	"""Image ids offset .. offset+limit of the favourite/flagged images whose run's prompts match `match`."""
	found: list[int] = []
	size, cursor = FIRST_CHUNK, after
	while len(found) < offset + limit:
		chunk = list(session.execute(images_led(filters, bounds, cursor).limit(size)).tuples())
		if not chunk:
			break
		runs = select(column('value', Integer)).select_from(func.json_each(json.dumps([run for _, run in chunk])))
		hit = literal_column(FTS_TABLE).op('MATCH')(match)
		# '+rowid': FTS5 walks the hits in the chunk's id range; only those of the chunk's runs come back to Python.
		inside = [FTS.c.rowid.between(chunk[-1][1], chunk[0][1]), literal_column('+rowid', Integer()).in_(runs)]
		hits = set(session.scalars(select(FTS.c.rowid).where(hit, *inside)))
		found += [image_id for image_id, run_id in chunk if run_id in hits]
		if len(chunk) < size:
			break
		size, cursor = min(size * 2, LAST_CHUNK), (chunk[-1][1], chunk[-1][0])
	return found[offset : offset + limit]
