"""Which index leads a History page without text: a run filter's, or the favourites/flagged images' when those hold
fewer images than every run filter holds runs (capped counts, each at most a few thousand index entries)."""

from sqlalchemy import Boolean, ColumnElement, Select, String, func, literal_column, or_, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_plan import RARE_RUNS
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.schemas.history import HistoryFilters

FEW_IMAGES = 20_000  # favourites or flagged images past this many never lead: a run filter's walk is as good


def _column(name: str, indexed: bool) -> ColumnElement[str]:
	"""generations.`name`, or '+generations.`name`' so SQLite does not walk its index."""
	return literal_column(f'{"" if indexed else "+"}generations.{name}', String())


def run_equalities(filters: HistoryFilters, *, indexed: bool = True) -> list[ColumnElement[bool]]:
	"""The model, sampler and status filters; not `indexed` ('+column') where images lead the walk."""
	conditions: list[ColumnElement[bool]] = []
	if filters.model:
		conditions.append((GenerationRow.model_name if indexed else _column('model_name', False)) == filters.model)
	if filters.sampler:
		conditions.append((GenerationRow.sampler if indexed else _column('sampler', False)) == filters.sampler)
	if filters.status is not None:
		conditions.append((GenerationRow.status if indexed else _column('status', False)) == filters.status.value)
	return conditions


def led_equalities(session: Session, filters: HistoryFilters) -> list[ColumnElement[bool]]:
	"""The run filters with only the one that holds the fewest runs (counted up to RARE_RUNS + 1) on its index: SQLite
	picks between equally costed indexes by their order in the schema, which a new index changes."""
	indexed, plain = run_equalities(filters), run_equalities(filters, indexed=False)
	if len(indexed) < 2:
		return indexed
	counts = [capped_count(session, select(GenerationRow.id).where(each), RARE_RUNS + 1) for each in indexed]
	lead = counts.index(min(counts))
	return [condition if index == lead else plain[index] for index, condition in enumerate(indexed)]


def image_conditions(filters: HistoryFilters, *, indexed: bool = True) -> list[ColumnElement[bool]]:
	"""The favourites and flagged filters (flagged: the safety checker's, a partial index of the flagged rows); the
	favourites one not `indexed` ('+column') where runs lead the walk."""
	indexed = indexed and not filters.flagged_only  # the partial index of the flagged images leads instead
	favourite = ImageRow.favourite if indexed else literal_column('+images.favourite', Boolean())
	flagged: list[ColumnElement[bool]] = [ImageRow.flagged.is_(True)] if filters.flagged_only else []
	return ([favourite.is_(True)] if filters.favourites_only else []) + flagged


def capped_count(session: Session, query: Select[tuple[int]], cap: int) -> int:
	return session.scalar(select(func.count()).select_from(query.limit(cap).subquery())) or 0


def lead_by_images(session: Session, filters: HistoryFilters, *, text: bool = False) -> int | None:
	"""How many favourite/flagged images there are when they are fewer than FEW_IMAGES and than the runs of every
	run filter (they then lead), else None; without `text` or a run filter there is no choice (the images lead).
	With `text`, a run filter keeps the lead only when it is rare (RARE_RUNS): the images' merge with the hits beats
	walking the hits for any other."""
	images = image_conditions(filters)
	has_dates = filters.started_from is not None or filters.started_before is not None
	if not images or not (text or run_equalities(filters) or has_dates):
		return None
	few = capped_count(session, select(ImageRow.id).where(*images), FEW_IMAGES + 1)
	if few > FEW_IMAGES:
		return None
	most = min(few, RARE_RUNS) if text else few
	runs = (select(GenerationRow.id).where(condition) for condition in run_equalities(filters))
	return few if all(capped_count(session, query, most + 1) > most for query in runs) else None


def before_cursor(after: tuple[int, int]) -> ColumnElement[bool]:
	"""Images below a cursor (a shown image's run and image id), newest first: an older run, or an older image of
	that run."""
	run_id, image_id = after
	return or_(ImageRow.generation_id < run_id, ImageRow.id < image_id)


def cursor_range(bounds: tuple[int, int] | None, after: tuple[int, int] | None) -> tuple[int | None, int | None]:
	"""The run id range narrowed by the cursor's run: one upper bound, or SQLite seeks by one and skips to the other."""
	low, high = bounds if bounds is not None else (None, None)
	if after is not None:
		high = after[0] if high is None else min(high, after[0])
	return low, high


def images_led(
	filters: HistoryFilters,
	dates: list[ColumnElement[bool]],
	bounds: tuple[int, int] | None,
	after: tuple[int, int] | None,
) -> Select[tuple[int, int]]:
	"""(image id, run id) newest first, walking the favourites/flagged index and checking each image's run by its key
	(the run filters and the `dates` left to check); within the run id `bounds`, below the `after` cursor (a shown
	image's run and image id)."""
	images = image_conditions(filters) + ([] if after is None else [before_cursor(after)])
	low, high = cursor_range(bounds, after)
	images += [] if low is None else [ImageRow.generation_id >= low]
	images += [] if high is None else [ImageRow.generation_id <= high]
	query = select(ImageRow.id, ImageRow.generation_id).join(GenerationRow, ImageRow.generation_id == GenerationRow.id)
	query = query.where(*images, *run_equalities(filters, indexed=False), *dates)
	return query.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())
