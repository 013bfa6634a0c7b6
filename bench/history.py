"""History at scale: 1,000,000 runs in a temporary database built by the real migrations; p50/p95 of every query the
History tab and its API issue (each filter alone and combined, first, middle and last page), worst cases included.

Run: .venv/bin/python -m bench.history [--rows N] [--repeat N] [--database PATH (kept, reused)] [--only TEXT].
Goal: p95 at most 20 ms for every search (a query with text) and 50 ms for every page (filters only) and every other
read; exit status 1 when one misses it.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from localai_ui.database import Database, open_database
from localai_ui.database.crud.history_search import (
	get_image_details,
	image_count,
	latest_image_id,
	model_names,
	search_images,
)
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus

WORDS = (
	'castle', 'forest', 'dragon', 'portrait', 'city', 'night', 'neon', 'rain', 'ocean', 'mountain', 'sunset', 'cat',
	'dog', 'robot', 'knight', 'flower', 'garden', 'river', 'snow', 'desert', 'spaceship', 'lighthouse', 'fox', 'owl',
	'temple', 'market', 'street', 'cafe', 'library', 'train', 'bridge',
)  # fmt: skip
MODELS = ('sd15-base', 'dreamshaper-8', 'sdxl-base', 'juggernaut-xl')
SAMPLERS = ('Euler a', 'DPM++ 2M', 'DDIM')
RARE_MODEL = 'old-model'  # 20 runs in the first month only, then never again
RARE_SAMPLER = 'LMS'  # 20 runs in the first month only, with RARE_MODEL
FAILED_EVERY = 200  # every 200th run failed and saved no image
PAGE = 48
SEARCH_MS, PAGE_MS = 20.0, 50.0
BUDGET_S = 3.0  # per query type: stop repeating once a slow one has used this much (at least 5 runs)
START = datetime(2025, 1, 1, tzinfo=UTC)
GENERATIONS_SQL = (
	'INSERT INTO generations (id, status, prompt, negative_prompt, model_name, model_hash, sampler, schedule, steps, '
	'cfg_scale, width, height, seed, batch_count, batch_size, seeds, request_json, infotext, started_at, finished_at, '
	"mode) VALUES (?, ?, ?, 'blurry, lowres', ?, NULL, ?, 'Automatic', 20, 7.0, 512, 512, ?, 1, 1, ?, '{}', ?, ?, ?, "
	"'txt2img')"
)
IMAGES_SQL = (
	'INSERT INTO images (id, generation_id, path, seed, "index", width, height, created_at, favourite, thumbnail_path, '
	'file_missing, flagged) VALUES (?, ?, ?, ?, 0, 512, 512, ?, ?, ?, 0, ?)'
)
FLAGGED_EVERY = 500  # the safety checker flagged every 500th image


def stamp(when: datetime) -> str:
	"""A timestamp as SQLAlchemy stores UTCDateTime in SQLite (naive UTC text)."""
	return when.astimezone(UTC).replace(tzinfo=None).isoformat(' ', 'microseconds')


def fill(database: Database, rows: int, chunk: int = 20_000) -> None:
	"""`rows` runs, one a minute, of one image each (a failed run has none); the FTS triggers index every prompt."""
	pick = random.Random(7)
	for first in range(1, rows + 1, chunk):
		runs: list[tuple[object, ...]] = []
		images: list[tuple[object, ...]] = []
		for run_id in range(first, min(rows, first + chunk - 1) + 1):
			when = stamp(START + timedelta(minutes=run_id))
			prompt = ' '.join(pick.choices(WORDS, k=8)) + f' variant{run_id % 1000}'
			failed = run_id % FAILED_EVERY == 0
			rare = run_id % 1000 == 7 and run_id < 20_000
			model, sampler = (RARE_MODEL, RARE_SAMPLER) if rare else (MODELS[run_id % 4], SAMPLERS[run_id % 3])
			status = RunStatus.FAILED.value if failed else RunStatus.COMPLETED.value
			runs.append((run_id, status, prompt, model, sampler, run_id, f'[{run_id}]', prompt, when, when))
			if not failed:
				path = f'2025/{run_id:07d}-0-{run_id}.png'
				flagged = run_id % FLAGGED_EVERY == 3
				images.append((run_id, run_id, path, run_id, when, run_id % 50 == 1, f'.thumbs/{path}.webp', flagged))
		with database.transaction() as session:
			connection = session.connection()
			connection.exec_driver_sql(GENERATIONS_SQL, runs)
			connection.exec_driver_sql(IMAGES_SQL, images)


def timed(run: Callable[[], object], repeat: int) -> list[float]:
	"""Milliseconds for up to `repeat` calls (fewer when a slow one used up BUDGET_S)."""
	timings: list[float] = []
	while len(timings) < repeat and (len(timings) < 5 or sum(timings) < BUDGET_S * 1000):
		started = time.perf_counter()
		run()
		timings.append((time.perf_counter() - started) * 1000)
	return timings


class Bench:
	"""The database under test, and the query types that missed the goal so far."""

	def __init__(self, database: Database, repeat: int, only: str = '') -> None:
		self.database = database
		self.repeat = repeat
		self.only = only
		self.missed: list[str] = []
		self.jumps_missed: list[str] = []

	def case(self, name: str, limit_ms: float, query: Callable[[Session], object], *, jump: bool = False) -> None:
		"""p50/p95 of one query type, each call in its own transaction as the app runs it; a `jump` (the API's page
		number, deep) is reported apart: an offset reads every image it skips."""
		if self.only not in name:
			return

		def once() -> None:
			with self.database.transaction() as session:
				query(session)

		timings = timed(once, self.repeat)
		p50 = statistics.median(timings)
		p95 = statistics.quantiles(timings, n=20, method='inclusive')[18]
		if p95 > limit_ms:
			(self.jumps_missed if jump else self.missed).append(name)
		verdict = 'ok' if p95 <= limit_ms else 'MISSED'
		print(f'{name:<60} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms  goal {limit_ms:3.0f}  {verdict}', flush=True)

	def pages(self, name: str, filters: HistoryFilters, *, deep: bool = True) -> None:
		"""The first page of one filter set; with `deep`, its middle and last page reached by Next (a seek below the
		previous page's last image) and jumped to by number (an offset: the API's `page`)."""
		limit = SEARCH_MS if filters.text else PAGE_MS
		if self.only not in name:
			return
		self.case(f'{name}, page 1', limit, _page(filters, 1))
		if not deep:
			return
		with self.database.transaction() as session:
			last = max(1, -(-image_count(session, filters=filters) // PAGE))
		for page in sorted({(last + 1) // 2, last} - {1}):
			with self.database.transaction() as session:
				shown, _ = search_images(session, filters=filters, limit=PAGE, offset=(page - 2) * PAGE)
			cursor = (shown[-1].generation_id, shown[-1].image_id)
			self.case(f'{name}, page {page} by Next', limit, _page(filters, page, cursor))
			self.case(f'{name}, page {page} by number (API)', limit, _page(filters, page), jump=True)


def _page(filters: HistoryFilters, page: int, after: tuple[int, int] | None = None) -> Callable[[Session], object]:
	"""Page `page` by its offset or, given `after` (the previous page's last image), by a seek below it."""
	offset = 0 if after is not None else (page - 1) * PAGE

	def query(session: Session) -> object:
		return search_images(session, filters=filters, limit=PAGE, offset=offset, after=after)

	return query


def searches(bench: Bench, rows: int) -> None:
	"""Text with and without filters: common, rare, prefix and absent words; the oldest month is the worst case."""
	first_month = START + timedelta(days=30)
	bench.pages('search "dragon" (common word)', HistoryFilters(text='dragon'))
	bench.pages('search "castle neon" (two words)', HistoryFilters(text='castle neon'), deep=False)
	bench.pages('search "variant42" (rare word)', HistoryFilters(text='variant42'))
	bench.pages('search "lightho" (prefix)', HistoryFilters(text='lightho'), deep=False)
	bench.pages('search "unicorn" (no such word)', HistoryFilters(text='unicorn'), deep=False)
	bench.pages('search "dragon", oldest month (worst case)', HistoryFilters(text='dragon', started_before=first_month))
	bench.pages(
		'search "dragon", one day mid-way',
		HistoryFilters(
			text='dragon',
			started_from=START + timedelta(minutes=rows // 2),
			started_before=START + timedelta(minutes=rows // 2 + 1440),
		),
		deep=False,
	)
	bench.pages('search "dragon", model', HistoryFilters(text='dragon', model='sdxl-base'), deep=False)
	bench.pages('search "dragon", model nobody used', HistoryFilters(text='dragon', model='no-such-model'), deep=False)
	bench.pages('search "dragon", rare old model', HistoryFilters(text='dragon', model=RARE_MODEL), deep=False)
	bench.pages('search "dragon", sampler', HistoryFilters(text='dragon', sampler='DDIM'), deep=False)
	bench.pages('search "dragon", status failed', HistoryFilters(text='dragon', status=RunStatus.FAILED), deep=False)
	bench.pages('search "dragon", favourites', HistoryFilters(text='dragon', favourites_only=True))
	every = HistoryFilters(
		text='castle dragon',
		model='dreamshaper-8',
		sampler='DDIM',
		status=RunStatus.COMPLETED,
		favourites_only=True,
		started_from=START + timedelta(days=100),
		started_before=START + timedelta(days=400),
	)
	bench.pages('search "castle dragon", every filter', every, deep=False)
	bench.pages('search "dragon", flagged', HistoryFilters(text='dragon', flagged_only=True))
	wide = HistoryFilters(started_from=START + timedelta(days=100), started_before=START + timedelta(days=400))
	bench.pages('search "dragon", model + sampler, wide old dates', replace(wide, text='dragon', model='sdxl-base',
		sampler='DDIM'), deep=False)  # fmt: skip


def pages(bench: Bench, rows: int) -> None:
	"""Filters without text, each alone and combined; first, middle and last page where there are several."""
	first_month = START + timedelta(days=30)
	bench.pages('no filter', HistoryFilters())
	bench.pages('model', HistoryFilters(model='dreamshaper-8'))
	bench.pages('model nobody used (worst case)', HistoryFilters(model='no-such-model'), deep=False)
	bench.pages('rare model, oldest month only', HistoryFilters(model=RARE_MODEL), deep=False)
	bench.pages('sampler', HistoryFilters(sampler='DDIM'), deep=False)
	bench.pages('rare sampler', HistoryFilters(sampler=RARE_SAMPLER), deep=False)
	bench.pages(
		'common model + rare sampler (no match)', HistoryFilters(model='sdxl-base', sampler=RARE_SAMPLER), deep=False
	)
	bench.pages('status completed', HistoryFilters(status=RunStatus.COMPLETED), deep=False)
	bench.pages('status failed (no images)', HistoryFilters(status=RunStatus.FAILED), deep=False)
	bench.pages('status interrupted (none)', HistoryFilters(status=RunStatus.INTERRUPTED), deep=False)
	bench.pages('favourites', HistoryFilters(favourites_only=True))
	bench.pages('last week', HistoryFilters(started_from=START + timedelta(minutes=rows - 10_080)), deep=False)
	bench.pages('oldest month', HistoryFilters(started_before=first_month))
	bench.pages('before anything (no match)', HistoryFilters(started_before=START), deep=False)
	bench.pages('model + sampler', HistoryFilters(model='dreamshaper-8', sampler='DDIM'), deep=False)
	bench.pages('model + favourites', HistoryFilters(model='dreamshaper-8', favourites_only=True))
	bench.pages('model + oldest month', HistoryFilters(model='sdxl-base', started_before=first_month), deep=False)
	wide = HistoryFilters(started_from=START + timedelta(days=100), started_before=START + timedelta(days=400))
	bench.pages('flagged', HistoryFilters(flagged_only=True))
	bench.pages('flagged + model', HistoryFilters(flagged_only=True, model='sdxl-base'), deep=False)
	bench.pages('flagged + favourites', HistoryFilters(flagged_only=True, favourites_only=True), deep=False)
	bench.pages('flagged + oldest month', HistoryFilters(flagged_only=True, started_before=first_month), deep=False)
	bench.pages('before a day mid-way (wide, old)', HistoryFilters(started_before=START + timedelta(days=400)))
	bench.pages('wide old dates', wide, deep=False)
	bench.pages('favourites + wide old dates', replace(wide, favourites_only=True), deep=False)
	bench.pages('model + sampler + wide old dates', replace(wide, model='sdxl-base', sampler='DDIM'))
	bench.pages(
		'model + sampler + status + favourites + dates',
		HistoryFilters(
			model='dreamshaper-8',
			sampler='DDIM',
			status=RunStatus.COMPLETED,
			favourites_only=True,
			started_from=START + timedelta(days=100),
			started_before=START + timedelta(days=400),
		),
	)


def other_reads(bench: Bench, rows: int) -> None:
	"""What the tab reads besides pages: the model list, the newest id it polls, one image's details."""
	bench.case('model names (filter dropdown)', PAGE_MS, lambda session: model_names(session))
	bench.case('latest image id (poll)', PAGE_MS, lambda session: latest_image_id(session))
	bench.case('image details', PAGE_MS, lambda session: get_image_details(session, image_id=rows // 2 + 1))


def _filled(path: Path, rows: int) -> Database:
	"""The database at `path`, filled with `rows` runs unless an earlier run of the bench left them there."""
	database = open_database(path)
	with database.transaction() as session:
		have = latest_image_id(session)
	if have:
		print(f'reusing the database at {path} (newest image {have:,})', flush=True)
		return database
	started = time.perf_counter()
	fill(database, rows)
	print(f'filled {rows:,} runs in {time.perf_counter() - started:.1f} s; p95 goal {SEARCH_MS:.0f} ms (search), '
		f'{PAGE_MS:.0f} ms (page)', flush=True)  # fmt: skip
	return database


def main(argv: list[str]) -> int:
	parser = argparse.ArgumentParser(description=__doc__)
	parser.add_argument('--rows', type=int, default=1_000_000)
	parser.add_argument('--repeat', type=int, default=40)
	parser.add_argument('--database', type=Path, help='keep the built database here and reuse it on the next run')
	parser.add_argument('--only', default='', help='run only the query types whose name contains this text')
	args = parser.parse_args(argv)
	rows, repeat = int(args.rows), int(args.repeat)
	with tempfile.TemporaryDirectory() as folder:
		database = _filled(args.database or Path(folder) / 'bench.sqlite3', rows)
		bench = Bench(database, repeat, str(args.only))
		searches(bench, rows)
		pages(bench, rows)
		other_reads(bench, rows)
		database.close()
	if bench.jumps_missed:
		print(f'deep pages jumped to by number over the goal: {len(bench.jumps_missed)}')
	if bench.missed:
		print(f'goal missed by {len(bench.missed)} query types: {", ".join(bench.missed)}')
		return 1
	print('goal met: every query type within its p95 goal')
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
