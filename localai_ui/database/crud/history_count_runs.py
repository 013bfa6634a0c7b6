"""The reads behind a deep page skipped on stored image counts (history_counts): one list of runs, newest first (the
text index's hits or a run filter's index), and what its runs in an id range add up to, from small indexes alone."""

import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, Select, column, func, intersect, literal_column, select, table
from sqlalchemy.orm import InstrumentedAttribute, Session

from localai_ui.database.crud.history_plan import FTS
from localai_ui.database.tables.generations import GenerationRow
from localai_ui.database.tables.history_search import FTS_TABLE

FIRST_COLUMN = literal_column('1', Integer())
# The partial indexes' own terms, with no bound parameter: only then may SQLite read those indexes.
NO_IMAGES = GenerationRow.image_count == literal_column('0', Integer())
MANY_IMAGES = GenerationRow.image_count > literal_column('1', Integer())
NO_IMAGES_FTS = 'generations_fts_no_images'  # the prompts of the runs with no image (0014_history_image_count)
NO_IMAGES_HITS = table(NO_IMAGES_FTS, column('rowid', Integer))


@dataclass(frozen=True)
class Runs:
	"""The runs a page may list, newest first: the text index's hits (`text`) or a run filter's (`equality`, and
	`check`: the same filter kept off its index), within `bounds`."""

	text: str | None
	equality: list[ColumnElement[bool]]
	check: list[ColumnElement[bool]]
	bounds: tuple[int, int] | None

	@property
	def ids(self) -> ColumnElement[int] | InstrumentedAttribute[int]:
		return FTS.c.rowid if self.text is not None else GenerationRow.id

	def conditions(self) -> list[ColumnElement[bool]]:
		found = [*self.equality] if self.text is None else [literal_column(FTS_TABLE).op('MATCH')(self.text)]
		return found + list[ColumnElement[bool]]([] if self.bounds is None else [self.ids.between(*self.bounds)])

	def listed(self, *more: ColumnElement[bool]) -> Select[tuple[int]]:
		query = select(self.ids) if self.text is None else select(self.ids).select_from(FTS)
		return query.where(*self.conditions(), *more)

	def nth(self, session: Session, skipped: int, below: int | None) -> tuple[int, int] | None:
		"""(run id, runs skipped) of the run after `skipped` runs below `below` (or the newest), or of the last one when
		fewer are; None when none is."""
		under = [] if below is None else [self.ids < below]
		run_id = session.scalar(self.listed(*under).order_by(self.ids.desc()).limit(1).offset(skipped))
		if run_id is not None:
			return int(run_id), skipped
		listed = self.listed(*under).subquery()
		found, last = session.execute(select(func.count(), func.min(listed.c[0]))).tuples().one()
		return None if not found or last is None else (int(last), int(found) - 1)

	def images_besides_one(self, session: Session, low: int, high: int | None) -> int:
		"""What the listed runs with ids in low+1 .. `high` add to one image each: minus one for each run with none (on
		their own text or partial index), plus the extra images of each with several (their partial index merged)."""
		ids = NO_IMAGES_HITS.c.rowid if self.text is not None else GenerationRow.id
		inside = [ids > low] + ([] if high is None else [ids <= high])
		inside += [] if self.bounds is None else [ids.between(*self.bounds)]
		hit = literal_column(NO_IMAGES_FTS).op('MATCH')(self.text)
		empty = (
			select(func.count()).select_from(GenerationRow).where(NO_IMAGES, *self.check, *inside)
			if self.text is None
			else select(func.count()).select_from(NO_IMAGES_HITS).where(hit, *inside)
		)
		upper = [] if high is None else [GenerationRow.id <= high]
		many = select(GenerationRow.id).where(MANY_IMAGES, GenerationRow.id > low, *upper)
		listed = self.listed(self.ids > low, *([] if high is None else [self.ids <= high]))
		both = intersect(listed, many).order_by(FIRST_COLUMN.desc()).subquery()
		owned = GenerationRow.id == both.c[0]
		extra = select(func.sum(GenerationRow.image_count - 1)).join_from(both, GenerationRow, owned)
		return int(session.scalar(extra) or 0) - int(session.scalar(empty) or 0)

	def counted(
		self, session: Session, edge: ColumnElement[bool], *, newest_first: bool, most: int
	) -> list[tuple[int, int]]:
		"""(run id, image count) of up to `most` runs past `edge`, newest or oldest first; read as two JSON arrays, as a
		thousand result rows would each cost Python ~1 µs."""
		query = select(self.ids, GenerationRow.image_count)
		if self.text is not None:
			query = query.select_from(FTS).join(GenerationRow, GenerationRow.id == FTS.c.rowid)
		order = self.ids.desc() if newest_first else self.ids.asc()
		rows = query.where(*self.conditions(), edge).order_by(order).limit(most).subquery()
		arrays = session.execute(select(func.json_group_array(rows.c[0]), func.json_group_array(rows.c[1])))
		ids, counts = arrays.tuples().one()
		pairs = zip(json.loads(ids), json.loads(counts), strict=True)
		return sorted(((int(run_id), int(count)) for run_id, count in pairs), reverse=newest_first)
