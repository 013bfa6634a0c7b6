"""History at a million rows, proven on a small one: date ranges of any width as id ranges (runs that break start
order are marked late by triggers), flagged images by their partial index, and favourites/flagged leading a page; every
page lists exactly what a plain SQL query over the rows lists."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from localai_ui.database import Database, migrate
from localai_ui.database import crud as database_service
from localai_ui.database.crud.history_plan import id_range
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus
from tests.database.history_queries import filter_grid, pages, plain_ids, query_plans

BASE = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = ('castle', 'dragon', 'neon', 'night', 'owl')
RUNS = 120


def _started(number: int) -> datetime:
	# Every 13th run was imported from an old file: a newer id, an older start than the runs around it.
	return BASE - timedelta(days=number % 5) if number % 13 == 0 else BASE + timedelta(hours=number)


@pytest.fixture
def filled(database: Database) -> Database:
	"""RUNS runs of 0 to 2 images, some favourite, some flagged; two runs get a new start time afterwards."""
	with database.transaction() as session:
		for number in range(1, RUNS + 1):
			prompt = ' '.join(WORDS[(number * step) % len(WORDS)] for step in (1, 2))
			request = GenerationRequest(
				prompt=prompt, negative_prompt='blurry', sampler=('DDIM', 'Euler a')[number % 2]
			)
			run_id = database_service.create_generation(
				session, request=request, model_name=('alpha', 'beta', 'gamma')[number % 3], model_hash=None,
				seeds=(1,), started_at=_started(number),
			)  # fmt: skip
			for index in range(number % 3):
				image_id = database_service.add_image(
					session, generation_id=run_id, path=f'{run_id}-{index}.png', seed=1, index=index, width=8,
					height=8, created_at=BASE, flagged=(run_id + index) % 5 == 0,
				)  # fmt: skip
				database_service.set_favourite(session, image_id=image_id, favourite=(run_id * 3 + index) % 4 == 0)
			status = RunStatus.FAILED if number % 11 == 0 else RunStatus.COMPLETED
			database_service.finish_generation(
				session, generation_id=run_id, status=status, finished_at=BASE, it_per_s=None, error=None, infotext=''
			)
		moved = {40: BASE + timedelta(days=30), 80: BASE - timedelta(days=30)}
		for run_id, started in moved.items():  # an edited start time breaks the order as an import does
			session.execute(
				text('UPDATE generations SET started_at = :at WHERE id = :id'),
				{'at': started.replace(tzinfo=None).isoformat(' '), 'id': run_id},
			)
	return database


DATES = (
	(None, None),
	(None, BASE + timedelta(hours=30)),  # the oldest runs, imports and the run moved back included
	(BASE + timedelta(hours=20), BASE + timedelta(hours=100)),  # wide, in the middle
	(BASE + timedelta(hours=50), None),  # to the end, with the run moved forward
	(BASE - timedelta(days=3), BASE),  # imports only
	(BASE + timedelta(days=60), None),  # nothing
)
FILTERS = filter_grid(DATES)


def test_every_filter_combination_pages_as_the_plain_query_does(filled: Database) -> None:
	nonempty = 0
	for filters in FILTERS:
		expected = plain_ids(filled, filters)
		nonempty += bool(expected)
		assert [image_id for page in pages(filled, filters, 5, by_cursor=False) for image_id in page] == expected, (
			filters
		)
		assert [image_id for page in pages(filled, filters, 5, by_cursor=True) for image_id in page] == expected, (
			filters
		)
	assert nonempty > len(FILTERS) // 4  # the combinations find images, not only nothing


def _in_range(database: Database, since: datetime | None, until: datetime | None) -> list[int]:
	low = (since or BASE - timedelta(days=999)).replace(tzinfo=None).isoformat(' ')
	high = (until or BASE + timedelta(days=999)).replace(tzinfo=None).isoformat(' ')
	query = 'SELECT id FROM generations WHERE started_at >= :low AND started_at < :high'
	with database.engine.connect() as connection:
		return [int(row[0]) for row in connection.execute(text(query), {'low': low, 'high': high})]


def test_runs_out_of_start_order_are_marked_late_and_the_rest_keep_order(filled: Database) -> None:
	with filled.engine.connect() as connection:
		rows = connection.execute(text('SELECT id, started_at, started_late FROM generations ORDER BY id')).all()
	late = {int(row[0]) for row in rows if row[2]}
	assert {13, 26, 39, 40, 80} <= late  # imports, the runs moved forward and back
	on_time = [str(row[1]) for row in rows if not row[2]]
	assert on_time == sorted(on_time)
	for since, until in DATES:
		with filled.transaction() as session:
			low, high = id_range(session, since, until) or (1, RUNS)
		inside = _in_range(filled, since, until)
		assert all(low <= run_id <= high for run_id in inside), (since, until)
		assert not inside or (low, high) == (min(inside), max(inside)), (since, until)


def test_upgrading_marks_the_runs_already_out_of_order(filled: Database) -> None:
	"""Start times edited before 0013 existed: its one pass marks what the triggers would have."""
	migrate.downgrade(filled.engine, 'history_started_late@-1')
	with filled.engine.begin() as connection:
		connection.execute(text("UPDATE generations SET started_at = '2020-01-01 00:00:00.000000' WHERE id = 60"))
	migrate.upgrade(filled.engine)
	with filled.engine.connect() as connection:
		rows = connection.execute(text('SELECT id, started_at, started_late FROM generations ORDER BY id')).all()
	late = {int(row[0]) for row in rows if row[2]}
	assert {13, 26, 60} <= late  # imports, and the run moved back while no trigger watched
	on_time = [str(row[1]) for row in rows if not row[2]]
	assert on_time == sorted(on_time)


@pytest.mark.parametrize(
	('filters', 'index'),
	[
		(HistoryFilters(flagged_only=True), 'ix_images_flagged'),
		(HistoryFilters(flagged_only=True, favourites_only=True, model='alpha'), 'ix_images_flagged'),
		(HistoryFilters(started_before=BASE + timedelta(hours=100)), 'ix_generations_started_late'),
	],
	ids=['flagged', 'flagged, favourites and a model', 'a wide date range'],
)
def test_flagged_and_wide_dates_seek_an_index(filled: Database, filters: HistoryFilters, index: str) -> None:
	plans = query_plans(filled, filters)
	assert index in plans
	assert 'TEMP B-TREE FOR ORDER BY' not in plans
	assert not re.search(r'^SCAN (generations|images)$', plans, re.MULTILINE), plans
