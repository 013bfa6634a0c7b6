"""History pages jumped to deep by number, proven on a small database: a text search's offset skipped on the hits
alone (also where one run's images fill a whole page), favourites/flagged merged with the hits, text alone or one run
filter skipped on the runs' stored image counts, and date ranges read as run id ranges when no late run lies inside;
every page, by offset and by cursor, lists what plain SQL lists."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from localai_ui.database import Database
from localai_ui.database import crud as database_service
from localai_ui.database.crud import history_counts, history_pages
from localai_ui.database.crud.history_search import image_position, search_images
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus
from tests.database.history_queries import filter_grid, pages, plain_ids, query_plans

BASE = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = ('castle', 'dragon', 'neon', 'night', 'owl')
RUNS = 90
IMPORTED = (70, 75)  # runs imported from old files: newer ids, older starts (late runs)


def _images(number: int) -> int:
	"""0 for a failed run, 9 for every tenth (more than a page), else 1 or 2."""
	return 0 if number % 11 == 0 else 9 if number % 10 == 3 else 1 + number % 2


def _prompt(number: int) -> str:
	return ' '.join(WORDS[(number * step) % len(WORDS)] for step in (1, 2))


@pytest.fixture
def filled(database: Database) -> Database:
	"""RUNS runs of 0 to 9 images, some favourite, some flagged; two of them imported with an old start."""
	with database.transaction() as session:
		for number in range(1, RUNS + 1):
			prompt = _prompt(number)
			started = BASE - timedelta(days=number % 7) if number in IMPORTED else BASE + timedelta(hours=number)
			run_id = database_service.create_generation(
				session, request=GenerationRequest(prompt=prompt, negative_prompt='blurry', sampler=('DDIM', 'Euler a')[number % 2]),
				model_name=('alpha', 'beta', 'gamma')[number % 3], model_hash=None, seeds=(1,), started_at=started,
			)  # fmt: skip
			for index in range(_images(number)):
				image_id = database_service.add_image(
					session, generation_id=run_id, path=f'{run_id}-{index}.png', seed=1, index=index, width=8,
					height=8, created_at=BASE, flagged=(run_id + index) % 4 == 1,
				)  # fmt: skip
				database_service.set_favourite(session, image_id=image_id, favourite=(run_id + index) % 3 == 0)
			status = RunStatus.FAILED if number % 11 == 0 else RunStatus.COMPLETED
			database_service.finish_generation(
				session, generation_id=run_id, status=status, finished_at=BASE, it_per_s=None, error=None, infotext=''
			)
	return database


DATES = (
	(None, None),
	(BASE + timedelta(hours=10), BASE + timedelta(hours=40)),  # no late run among its ids: an id range alone
	(BASE + timedelta(hours=50), BASE + timedelta(hours=80)),  # the imports' ids lie inside, their starts do not
	(BASE - timedelta(days=10), BASE),  # the imports only
)
FILTERS = filter_grid(DATES)


@pytest.mark.parametrize(
	'deep_offset', [0, 1000], ids=['every page past the first skipped on runs', 'shallow pages by a plain offset']
)
def test_every_page_lists_what_plain_sql_lists(
	filled: Database, deep_offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
	monkeypatch.setattr(history_pages, 'DEEP_OFFSET', deep_offset)
	nonempty = 0
	for filters in FILTERS:
		expected = plain_ids(filled, filters)
		nonempty += bool(expected)
		for by_cursor in (False, True):
			listed = [image_id for page in pages(filled, filters, 4, by_cursor=by_cursor) for image_id in page]
			assert listed == expected, (filters, by_cursor)
	assert nonempty > len(FILTERS) // 2


def test_a_run_larger_than_the_page_is_split_where_the_offset_falls(
	filled: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
	monkeypatch.setattr(history_pages, 'DEEP_OFFSET', 0)
	filters = HistoryFilters(text='night')  # runs 3, 13, ... hold 9 images: pages of 2 start inside them
	expected = plain_ids(filled, filters)
	assert any(_images(number) == 9 for number in range(1, RUNS + 1) if 'night' in _prompt(number))
	for size in (1, 2, 3, 5):
		assert [image_id for page in pages(filled, filters, size, by_cursor=False) for image_id in page] == expected


def test_text_with_favourites_merges_the_two_ordered_lists(filled: Database) -> None:
	plans = query_plans(filled, HistoryFilters(text='dragon', favourites_only=True))
	assert 'MERGE (INTERSECT)' in plans  # both read once in order: no probe of the text index per image
	assert 'TEMP B-TREE' not in plans


def test_dates_without_late_runs_read_the_images_run_index_alone(filled: Database) -> None:
	since, until = DATES[1]
	plans = query_plans(filled, HistoryFilters(started_from=since, started_before=until))
	assert re.search(r'SEARCH images USING COVERING INDEX ix_images_generation_id \(generation_id>\? AND', plans), plans
	# One run row read per shown image (its prompt), none per image walked.
	assert plans.count('SEARCH generations USING INTEGER PRIMARY KEY') == 1, plans


def test_an_offset_below_a_cursor_skips_from_the_cursor(filled: Database, monkeypatch: pytest.MonkeyPatch) -> None:
	monkeypatch.setattr(history_pages, 'DEEP_OFFSET', 0)
	no_run_filter = [filters for filters in FILTERS if (filters.model, filters.sampler, filters.status) == (None,) * 3]
	for filters in no_run_filter + FILTERS[::11]:  # a run filter is rare here: only text alone skips on the hits
		expected = plain_ids(filled, filters)
		for start in range(0, len(expected), 3):
			with filled.transaction() as session:
				position = image_position(session, image_id=expected[start])
				assert position is not None
				for offset in (1, 6):
					items, _ = search_images(session, filters=filters, limit=4, offset=offset, after=position)
					assert [item.image_id for item in items] == expected[start + 1 + offset :][:4], (filters, start)


COUNTED = [
	filters
	for filters in FILTERS
	if not (filters.favourites_only or filters.flagged_only)
	and len([value for value in (filters.model, filters.sampler, filters.status) if value is not None])
	== (0 if filters.text else 1)
]


@pytest.mark.parametrize(
	('step', 'near'), [(1, 0), (3, 2)], ids=['every estimate redone, walks run by run', 'short walks']
)
def test_text_alone_or_one_run_filter_skips_on_stored_counts(
	filled: Database, step: int, near: int, monkeypatch: pytest.MonkeyPatch
) -> None:
	monkeypatch.setattr(history_pages, 'DEEP_OFFSET', 0)
	monkeypatch.setattr(history_counts, 'STEP', step)
	monkeypatch.setattr(history_counts, 'NEAR', near)
	assert len(COUNTED) == 20
	for filters in COUNTED:
		expected = plain_ids(filled, filters)
		for size in (2, 5):
			assert [image_id for page in pages(filled, filters, size, by_cursor=False) for image_id in page] == expected
		with filled.transaction() as session:
			assert search_images(session, filters=filters, limit=4, offset=len(expected) + 3) == ([], False)


def test_a_deep_page_skips_on_indexes_and_counts_the_runs_without_images_on_their_own(filled: Database) -> None:
	deep = history_pages.DEEP_OFFSET + 1
	text = query_plans(filled, HistoryFilters(text='dragon'), offset=deep)
	assert 'SCAN generations_fts_no_images VIRTUAL TABLE' in text, text  # no read of a run row per skipped hit
	model = query_plans(filled, HistoryFilters(model='alpha'), offset=deep)
	assert re.search(r'SEARCH generations USING COVERING INDEX ix_generations_no_images \(id>\?\)', model), model
	for plans in (text, model):
		assert 'MERGE (INTERSECT)' in plans and 'COVERING INDEX ix_generations_many_images' in plans, plans
		assert 'SCAN generations\n' not in plans + '\n' and 'SCAN generations ' not in plans, plans
	with filled.transaction() as session:
		failed = HistoryFilters(status=RunStatus.FAILED)  # runs without images only
		assert search_images(session, filters=failed, limit=4, offset=deep) == ([], False)


def test_of_two_run_filters_the_one_with_fewer_runs_leads(filled: Database) -> None:
	with filled.transaction() as session:
		for _ in range(2):
			database_service.create_generation(
				session, request=GenerationRequest(prompt='owl', sampler='LMS'), model_name='alpha', model_hash=None,
				seeds=(1,), started_at=BASE,
			)  # fmt: skip
	# alpha: 32 runs; DDIM: 45; LMS: 2. Whichever index the schema lists first, the rarer filter's is read.
	for sampler, index in (('LMS', 'ix_generations_sampler'), ('DDIM', 'ix_generations_model_name')):
		plans = query_plans(filled, HistoryFilters(model='alpha', sampler=sampler))
		assert re.search(rf'SEARCH generations USING INDEX {index} \((model_name|sampler)=\?\)', plans), plans
		other = ({'ix_generations_sampler', 'ix_generations_model_name'} - {index}).pop()
		assert f'USING INDEX {other}' not in plans, plans  # only its capped count reads it (a covering index)
