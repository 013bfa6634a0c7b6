"""A page jumped to deep by number under text alone or one run filter (model, sampler, status), with no image filter:
the run that holds the page's first image is found on indexes, not by reading the images of every run skipped.

Runs store their image count (0014_history_image_count). Skipping p runs on the text or filter index passes p images,
less the runs with no image among them (counted on their own small text or partial index), plus the extra images of
the few runs with several (their partial index merged with the same list); a second, short skip from there corrects
for the runs without images, and a walk of a few runs finds the exact one. Reading each skipped run's images instead
costs ~0.2 µs a run (~45 ms for 230,000 runs).
"""

import json
from collections.abc import Iterator

from sqlalchemy import Integer, func, literal_column, select
from sqlalchemy.orm import Session

from localai_ui.database.crud.history_count_runs import Runs
from localai_ui.database.crud.history_lead import run_equalities
from localai_ui.database.tables.generations import ImageRow
from localai_ui.schemas.history import HistoryFilters

STEP = 256  # runs read at a time to walk to the exact run and gather a page
NEAR = 16 * STEP  # images: an estimate off by more is made again (a skip on the indexes) rather than walked
ESTIMATES = 4
Found = tuple[int, int, int]  # a run, the images in the runs above it, and how many runs are above it


def _most(runs: int) -> int:
	return max(STEP, min(runs, NEAR))


def _skip(session: Session, runs: Runs, skipped: int, after: Found | None) -> Found | None:
	"""The run after `skipped` runs below the run of `after` (or from the newest), or the last run when fewer are;
	`after` again when none is below it, None when no run is listed."""
	newest, images, position = after if after is not None else (None, 0, 0)
	found = runs.nth(session, skipped, newest)
	if found is None:
		return after
	run_id, passed = found
	passed += newest is not None  # the run of `after` is above this one too
	return run_id, images + passed + runs.images_besides_one(session, run_id, newest), position + passed


def _start(session: Session, runs: Runs, offset: int) -> tuple[int, int] | None:
	"""(run id, images in the runs above it) of a run at or a few runs above the one holding image `offset`; None
	when no run is listed."""
	found = _skip(session, runs, offset, None)
	for _ in range(ESTIMATES):
		if found is None or -NEAR <= offset - found[1] <= STEP:
			break
		gap = offset - found[1]  # below: about one image a run (those with none were counted); above: the average
		again = (
			_skip(session, runs, gap - 1, found)
			if gap > 0
			else _skip(session, runs, offset * found[2] // found[1], None)
		)
		if again == found:
			break
		found = again
	if found is None:
		return None
	edge, above, _ = found
	while above > offset:  # the page starts in a newer run: walk up, oldest first
		newer = runs.counted(session, runs.ids > edge, newest_first=False, most=_most(above - offset))
		if not newer:
			return None
		for run_id, count in newer:
			edge, above = run_id, above - count
			if above <= offset:
				break
	return edge, above


def _older(session: Session, runs: Runs, run_id: int, most: int) -> Iterator[tuple[int, int]]:
	"""(run id, image count) of the listed runs from `run_id` down, newest first, read `most` at a time."""
	edge = runs.ids <= run_id
	while batch := runs.counted(session, edge, newest_first=True, most=most):
		yield from batch
		edge = runs.ids < batch[-1][0]


def deep_page_by_counts(
	session: Session, filters: HistoryFilters, text: str | None, bounds: tuple[int, int] | None, *,
	limit: int, offset: int,
) -> list[int]:  # fmt: skip
	"""Image ids offset .. offset+limit of the runs matching the FTS query `text` or else the one run filter of
	`filters`, inside the run id `bounds`; newest run first, a run's images newest first."""
	runs = Runs(text, run_equalities(filters), run_equalities(filters, indexed=False), bounds)
	start = _start(session, runs, offset)
	if start is None:
		return []
	chosen, seen, before = list[int](), start[1], 0
	for run_id, count in _older(session, runs, start[0], most=_most(offset - seen + limit + 1)):
		if seen + count > offset:  # the page's runs: the first holds `before` images above it
			before = before if chosen else offset - seen
			chosen.append(run_id)
		seen += count
		if seen >= offset + limit:
			break
	listed = select(literal_column('value', Integer())).select_from(func.json_each(json.dumps(chosen)))
	found = select(ImageRow.id).where(ImageRow.generation_id.in_(listed))
	ids = list(session.scalars(found.order_by(ImageRow.generation_id.desc(), ImageRow.id.desc())))
	return ids[before : before + limit]
