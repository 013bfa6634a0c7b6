"""History search at scale, proven on a small database: every filter, page and cursor returns what a plain reading of
the rows returns, the 0009_history_indexes indexes exist, and SQLite's plan uses them for the worst cases."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from sqlalchemy import inspect, text

from localai_ui.database import Database
from localai_ui.database import crud as database_service
from localai_ui.database.crud import history_pages
from localai_ui.database.crud.history_search import image_count, model_names
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus
from tests.database.history_queries import pages, query_plans

BASE = datetime(2026, 1, 1, tzinfo=UTC)
WORDS = ('castle', 'cat', 'catalog', 'dragon', 'dragonfly', 'neon', 'night', 'owl', 'rain', 'river')
MODELS = ('alpha', 'beta', 'gamma')
SAMPLERS = ('Euler a', 'DDIM', 'UniPC')
RUNS = 150


@dataclass(frozen=True)
class Shown:
	"""One image as a plain reading of the rows sees it."""

	generation_id: int
	image_id: int
	words: tuple[str, ...]
	model: str
	sampler: str
	status: RunStatus
	started: datetime
	favourite: bool


def _run(number: int) -> tuple[str, str, str, RunStatus, datetime, int]:
	prompt = ' '.join(WORDS[(number * step) % len(WORDS)] for step in (1, 3, 7))
	model = 'rare' if number in (4, 5) else MODELS[number % 3]
	status = (
		RunStatus.FAILED if number % 17 == 0 else RunStatus.INTERRUPTED if number % 23 == 0 else RunStatus.COMPLETED
	)
	# Every 29th run was imported later from an old file: a newer id with an older start than its neighbours.
	started = BASE - timedelta(days=40) if number % 29 == 0 else BASE + timedelta(hours=number)
	images = 0 if status is RunStatus.FAILED else 1 + number % 3
	return prompt, model, SAMPLERS[number % 4 % 3], status, started, images


@pytest.fixture
def shown(database: Database) -> list[Shown]:
	"""RUNS runs of 0 to 3 images each, written through the real CRUD; newest first, as History lists them."""
	everything: list[Shown] = []
	with database.transaction() as session:
		for number in range(1, RUNS + 1):
			prompt, model, sampler, status, started, images = _run(number)
			request = GenerationRequest(prompt=prompt, negative_prompt='blurry', sampler=sampler)
			run_id = database_service.create_generation(
				session, request=request, model_name=model, model_hash=None, seeds=(1,), started_at=started
			)
			for index in range(images):
				image_id = database_service.add_image(
					session, generation_id=run_id, path=f'{run_id}-{index}.png', seed=1, index=index, width=8,
					height=8, created_at=started,
				)  # fmt: skip
				favourite = (run_id + index) % 4 == 0
				database_service.set_favourite(session, image_id=image_id, favourite=favourite)
				words = (*prompt.split(), 'blurry')
				everything.append(Shown(run_id, image_id, words, model, sampler, status, started, favourite))
			database_service.finish_generation(
				session,
				generation_id=run_id,
				status=status,
				finished_at=started,
				it_per_s=None,
				error=None,
				infotext='',
			)
	return sorted(everything, key=lambda image: (image.generation_id, image.image_id), reverse=True)


def _matches(image: Shown, filters: HistoryFilters) -> bool:
	"""The filters read plainly: every word starts a word of the prompts, every other filter compares one field."""
	typed = re.findall(r'\w+', filters.text.casefold())
	return (
		all(any(word.startswith(part) for word in image.words) for part in typed)
		and filters.model in (None, image.model)
		and filters.sampler in (None, image.sampler)
		and filters.status in (None, image.status)
		and (image.favourite or not filters.favourites_only)
		and (filters.started_from is None or image.started >= filters.started_from)
		and (filters.started_before is None or image.started < filters.started_before)
	)


FILTERS = [
	HistoryFilters(
		text=text,
		model=model,
		sampler=sampler,
		status=status,
		favourites_only=favourites,
		started_from=since,
		started_before=until,
	)  # fmt: skip
	for text, model, sampler, status, favourites, (since, until) in product(
		('', 'dragon', 'cat', 'drag ni'),
		(None, 'alpha', 'rare', 'nobody'),
		(None, 'DDIM'),
		(None, RunStatus.COMPLETED, RunStatus.FAILED),
		(False, True),
		(
			(None, None),
			(None, BASE + timedelta(hours=30)),
			(BASE + timedelta(hours=100), BASE + timedelta(hours=120)),
			(None, BASE),
		),
	)
]


def test_every_filter_page_and_cursor_lists_what_the_rows_say(database: Database, shown: list[Shown]) -> None:
	for filters in FILTERS:
		expected = [image.image_id for image in shown if _matches(image, filters)]
		by_offset = [image_id for page in pages(database, filters, 7, by_cursor=False) for image_id in page]
		by_cursor = [image_id for page in pages(database, filters, 7, by_cursor=True) for image_id in page]
		assert by_offset == expected, filters
		assert by_cursor == expected, filters
		with database.transaction() as session:
			assert image_count(session, filters=filters) == len(expected), filters


def test_deep_text_pages_skipped_in_sql_list_the_same(
	database: Database, shown: list[Shown], monkeypatch: pytest.MonkeyPatch
) -> None:
	monkeypatch.setattr(history_pages, 'DEEP_OFFSET', 0)  # every page after the first takes the deep path
	for filters in FILTERS[:: len(FILTERS) // 40]:
		expected = [image.image_id for image in shown if _matches(image, filters)]
		assert [image_id for page in pages(database, filters, 7, by_cursor=False) for image_id in page] == expected


def test_model_names_are_every_model_used_sorted(database: Database, shown: list[Shown]) -> None:
	with database.transaction() as session:
		assert model_names(session) == sorted({image.model for image in shown} | {'alpha', 'beta', 'gamma'})


def test_migration_made_the_history_indexes_and_vocabulary(database: Database) -> None:
	inspector = inspect(database.engine)
	generations = {index['name']: index['column_names'] for index in inspector.get_indexes('generations')}
	assert generations['ix_generations_model_name'] == ['model_name']
	assert generations['ix_generations_sampler'] == ['sampler']
	images = {index['name']: index['column_names'] for index in inspector.get_indexes('images')}
	assert images['ix_images_favourite'] == ['favourite', 'generation_id']
	with database.engine.connect() as connection:
		vocabulary = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'generations_fts_vocab'"))
		assert 'fts5vocab' in str(vocabulary.scalar_one())


@pytest.mark.usefixtures('shown')
@pytest.mark.parametrize(
	('filters', 'index'),
	[
		(HistoryFilters(model='nobody'), 'ix_generations_model_name'),
		(HistoryFilters(sampler='LMS'), 'ix_generations_sampler'),
		(HistoryFilters(favourites_only=True), 'ix_images_favourite'),
		(HistoryFilters(text='dragon', model='nobody'), 'ix_generations_model_name'),
		(HistoryFilters(text='dragon', started_before=BASE + timedelta(hours=30)), 'ix_generations_started_at'),
	],
	ids=['model nobody used', 'rare sampler', 'favourites', 'common word, model nobody used', 'word, oldest month'],
)
def test_worst_cases_walk_an_index_in_page_order(database: Database, filters: HistoryFilters, index: str) -> None:
	plans = query_plans(database, filters)
	assert index in plans
	assert 'TEMP B-TREE FOR ORDER BY' not in plans  # newest first straight from an index: no sort of every match
	assert not re.search(r'^SCAN (generations|images)$', plans, re.MULTILINE)  # and no read of a whole table


@pytest.mark.usefixtures('shown')
def test_common_word_walks_the_text_index_newest_first_within_the_date_range(database: Database) -> None:
	plans = query_plans(database, HistoryFilters(text='dragon', started_before=BASE + timedelta(hours=30)))
	# FTS5 takes the id range and the newest-first order itself (idxNum 192: ORDER BY rowid DESC; '><': the range).
	assert re.search(r'SCAN generations_fts VIRTUAL TABLE INDEX 19\d:M\d+><', plans), plans
