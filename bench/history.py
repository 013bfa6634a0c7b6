"""History at scale: 100,000 runs in a temporary database built by the real migrations; p50/p95 of searches and pages.

Run: .venv/bin/python bench/history.py [--rows N] [--repeat N]. Goal: p95 at most 20 ms (search) and 50 ms (page).
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from localai_ui.database import Database, open_database
from localai_ui.database.crud.history_search import search_images
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.schemas.history import HistoryFilters

WORDS = [
	'castle',
	'forest',
	'dragon',
	'portrait',
	'city',
	'night',
	'neon',
	'rain',
	'ocean',
	'mountain',
	'sunset',
	'cat',
	'dog',
	'robot',
	'knight',
	'flower',
	'garden',
	'river',
	'snow',
	'desert',
	'spaceship',
	'lighthouse',
	'fox',
	'owl',
	'temple',
	'market',
	'street',
	'cafe',
	'library',
	'train',
	'bridge',
]
MODELS = ('sd15-base', 'dreamshaper-8', 'sdxl-base', 'juggernaut-xl')
SAMPLERS = ('Euler a', 'DPM++ 2M', 'DDIM', 'UniPC')
PAGE = 48
START = datetime(2025, 1, 1, tzinfo=UTC)


def fill(database: Database, rows: int, chunk: int = 5000) -> None:
	"""`rows` runs of one image each, with varied prompts, models and samplers; the FTS triggers index them."""
	pick = random.Random(7)
	for first in range(1, rows + 1, chunk):
		ids = range(first, min(rows, first + chunk - 1) + 1)
		runs: list[dict[str, object]] = []
		images: list[dict[str, object]] = []
		for run_id in ids:
			when = START + timedelta(minutes=run_id)
			prompt = ' '.join(pick.choices(WORDS, k=8)) + f' variant{run_id % 1000}'
			runs.append({
				'id': run_id, 'status': 'completed', 'prompt': prompt, 'negative_prompt': 'blurry, lowres',
				'model_name': MODELS[run_id % 4], 'model_hash': None, 'sampler': SAMPLERS[run_id % 3],
				'schedule': 'Automatic', 'steps': 20, 'cfg_scale': 7.0, 'width': 512, 'height': 512, 'seed': run_id,
				'batch_count': 1, 'batch_size': 1, 'seeds': f'[{run_id}]', 'request_json': '{}', 'infotext': prompt,
				'started_at': when, 'finished_at': when,
			})  # fmt: skip
			images.append({
				'generation_id': run_id, 'path': f'2025/{run_id:06d}-0-{run_id}.png', 'seed': run_id, 'index': 0,
				'width': 512, 'height': 512, 'created_at': when, 'favourite': run_id % 50 == 0,
				'thumbnail_path': f'.thumbs/2025/{run_id:06d}-0-{run_id}.webp',
			})  # fmt: skip
		with database.transaction() as session:
			session.execute(insert(GenerationRow), runs)
			session.execute(insert(ImageRow), images)


def measure(database: Database, filters: HistoryFilters, page: int, repeat: int) -> list[float]:
	"""Milliseconds for each of `repeat` page queries, each in its own transaction as the app runs them."""
	timings: list[float] = []
	for _ in range(repeat):
		started = time.perf_counter()
		with database.transaction() as session:
			search_images(session, filters=filters, limit=PAGE, offset=(page - 1) * PAGE)
		timings.append((time.perf_counter() - started) * 1000)
	return timings


def report(name: str, timings: list[float]) -> tuple[float, float]:
	cuts = statistics.quantiles(timings, n=100)
	p50, p95 = statistics.median(timings), cuts[94]
	print(f'{name:<44} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms')
	return p50, p95


def run_all(cases: dict[str, Callable[[], list[float]]]) -> list[float]:
	every: list[float] = []
	for name, run in cases.items():
		timings = run()
		report(name, timings)
		every.extend(timings)
	return every


def main(argv: list[str]) -> int:
	parser = argparse.ArgumentParser(description=__doc__)
	parser.add_argument('--rows', type=int, default=100_000)
	parser.add_argument('--repeat', type=int, default=40)
	args = parser.parse_args(argv)
	rows, repeat = int(args.rows), int(args.repeat)
	with tempfile.TemporaryDirectory() as folder:
		database = open_database(Path(folder) / 'bench.sqlite3')
		started = time.perf_counter()
		fill(database, rows)
		print(f'filled {rows:,} rows in {time.perf_counter() - started:.1f} s')
		searches: dict[str, Callable[[], list[float]]] = {
			'search "dragon" (common word)': lambda: measure(database, HistoryFilters(text='dragon'), 1, repeat),
			'search "castle neon" (two words)': lambda: measure(
				database, HistoryFilters(text='castle neon'), 1, repeat
			),
			'search "variant42" (rare word)': lambda: measure(database, HistoryFilters(text='variant42'), 1, repeat),
			'search "dragon", first month only': lambda: measure(
				database, HistoryFilters(text='dragon', started_before=START + timedelta(days=30)), 1, repeat
			),
			'search "lightho" (prefix), model filter': lambda: measure(
				database, HistoryFilters(text='lightho', model='sdxl-base'), 1, repeat
			),
		}
		pages: dict[str, Callable[[], list[float]]] = {
			'page 1, no filter': lambda: measure(database, HistoryFilters(), 1, repeat),
			'page 200, no filter': lambda: measure(database, HistoryFilters(), 200, repeat),
			'page 1, model + sampler': lambda: measure(
				database, HistoryFilters(model='dreamshaper-8', sampler='DDIM'), 1, repeat
			),
			'page 1, model nobody used (worst case)': lambda: measure(
				database, HistoryFilters(model='no-such-model'), 1, repeat
			),
			'page 1, favourites': lambda: measure(database, HistoryFilters(favourites_only=True), 1, repeat),
			'page 1, last week': lambda: measure(
				database, HistoryFilters(started_from=START + timedelta(minutes=rows - 10_080)), 1, repeat
			),
		}
		search_all = run_all(searches)
		page_all = run_all(pages)
		database.close()
	print()
	_, search_p95 = report(f'ALL searches ({rows:,} rows)', search_all)
	_, page_p95 = report(f'ALL pages ({rows:,} rows)', page_all)
	ok = search_p95 <= 20 and page_p95 <= 50
	print('goal met' if ok else 'goal missed: search p95 <= 20 ms, page p95 <= 50 ms')
	return 0 if ok else 1


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
