"""Full-text search and filters against a seeded database, newest run first, paged."""

from datetime import timedelta
from pathlib import Path

import pytest

from localai_ui.database import Database
from localai_ui.database.crud.history_search import fts_query
from localai_ui.features.history.filters import parse_filters
from localai_ui.features.history.service import PAGE_SIZE, HistoryService
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus
from tests.history.seeding import DAY, seed_run


def _prompts(history: HistoryService, filters: HistoryFilters) -> list[str]:
	return [item.prompt for item in history.search(filters).items]


@pytest.fixture
def seeded(database: Database, outputs: Path) -> None:
	runs = [
		('a red fox in the snow', 'blurry', 'tiny-sd15', 'Euler a', RunStatus.COMPLETED, 0),
		('a lighthouse at night', 'people', 'tiny-sdxl', 'DPM++ 2M', RunStatus.COMPLETED, 1),
		('red castle, <lora:ink:0.8>', 'watermark, fox', 'tiny-sd15', 'DDIM', RunStatus.INTERRUPTED, 2),
		('Café au lait', '', 'tiny-sdxl', 'Euler a', RunStatus.COMPLETED, 3),
	]
	for prompt, negative, model, sampler, status, day in runs:
		request = GenerationRequest(prompt=prompt, negative_prompt=negative, sampler=sampler)
		seed_run(database, outputs, request, model=model, status=status, started=DAY + timedelta(days=day))


@pytest.mark.usefixtures('seeded')
def test_text_matches_prompt_and_negative_prompt_newest_first(history: HistoryService) -> None:
	assert _prompts(history, HistoryFilters(text='fox')) == ['red castle, <lora:ink:0.8>', 'a red fox in the snow']
	assert _prompts(history, HistoryFilters(text='RED  castle')) == ['red castle, <lora:ink:0.8>']
	assert _prompts(history, HistoryFilters(text='light')) == ['a lighthouse at night']
	assert _prompts(history, HistoryFilters(text='cafe')) == ['Café au lait']
	assert _prompts(history, HistoryFilters(text='ink')) == ['red castle, <lora:ink:0.8>']
	assert _prompts(history, HistoryFilters(text='unicorn')) == []


@pytest.mark.usefixtures('seeded')
def test_filters_model_sampler_status_dates(history: HistoryService) -> None:
	assert _prompts(history, HistoryFilters(model='tiny-sdxl')) == ['Café au lait', 'a lighthouse at night']
	assert _prompts(history, HistoryFilters(sampler='Euler a', text='red')) == ['a red fox in the snow']
	assert _prompts(history, HistoryFilters(status=RunStatus.INTERRUPTED)) == ['red castle, <lora:ink:0.8>']
	window = HistoryFilters(started_from=DAY + timedelta(days=1), started_before=DAY + timedelta(days=3))
	assert _prompts(history, window) == ['red castle, <lora:ink:0.8>', 'a lighthouse at night']


@pytest.mark.usefixtures('seeded')
def test_favourites_filter_and_toggle(history: HistoryService) -> None:
	assert _prompts(history, HistoryFilters(favourites_only=True)) == []
	newest = history.search(HistoryFilters()).items[0]
	history.set_favourite(newest.image_id, True)
	assert _prompts(history, HistoryFilters(favourites_only=True)) == ['Café au lait']
	assert history.details(newest.image_id).item.favourite


def test_pages_of_48_and_batch_images_in_order(history: HistoryService, database: Database, outputs: Path) -> None:
	for number in range(PAGE_SIZE):
		seed_run(database, outputs, GenerationRequest(prompt=f'run {number}'), started=DAY + timedelta(minutes=number))
	batch = seed_run(database, outputs, GenerationRequest(prompt='batch'), images=3, seed=7)
	first = history.search(HistoryFilters(), 1)
	assert len(first.items) == PAGE_SIZE and first.has_next
	assert [item.seed for item in first.items[:3]] == [9, 8, 7]
	assert history.latest_image_id() == batch.image_ids[-1]
	second = history.search(HistoryFilters(), 2)
	assert [item.prompt for item in second.items] == ['run 2', 'run 1', 'run 0'] and not second.has_next
	assert history.search(HistoryFilters(), 0).page == 1
	sought = history.search(HistoryFilters(), 2, after=first.items[-1].image_id)
	assert sought == second, 'Next seeks from the last image shown and finds the same page'
	history.delete_image(first.items[-1].image_id)
	gone = history.search(HistoryFilters(), 2, after=first.items[-1].image_id)
	assert [item.prompt for item in gone.items] == ['run 1', 'run 0'], 'a vanished seek point falls back to the number'


def test_fts_query_quotes_every_word_so_operators_are_plain_text() -> None:
	assert fts_query('red "fox" OR NEAR(a b) *') == '"red"* "fox"* "or"* "near"* "a"* "b"*'
	assert fts_query('  ,;:  ') is None
	assert fts_query(' '.join(f'w{number}' for number in range(40))) == ' '.join(f'"w{n}"*' for n in range(16))


@pytest.mark.usefixtures('seeded')
def test_odd_search_text_never_errors(history: HistoryService) -> None:
	for text in ('"', 'AND', '(', '*', 'NOT fox', 'col:fox', '^fox'):
		history.search(HistoryFilters(text=text))


def test_parse_filters_from_strings() -> None:
	filters = parse_filters('fox', 'm', '', 'completed', True, '2026-03-14', '2026-03-15')
	assert filters.text == 'fox' and filters.model == 'm' and filters.sampler is None
	assert filters.status is RunStatus.COMPLETED and filters.favourites_only
	assert filters.started_from is not None and filters.started_before is not None
	assert filters.started_before - filters.started_from == timedelta(days=2)
	assert parse_filters() == HistoryFilters()
	with pytest.raises(InvalidRequestError, match='YYYY-MM-DD'):
		parse_filters(date_from='14/03/2026')
	with pytest.raises(InvalidRequestError, match='status'):
		parse_filters(status='done')


@pytest.mark.usefixtures('seeded')
def test_model_names_and_search_after_delete(history: HistoryService) -> None:
	assert history.model_names() == ['tiny-sd15', 'tiny-sdxl']
	[castle] = history.search(HistoryFilters(text='castle')).items
	history.delete_image(castle.image_id)
	assert _prompts(history, HistoryFilters(text='castle')) == []
	assert _prompts(history, HistoryFilters(text='fox')) == ['a red fox in the snow']
