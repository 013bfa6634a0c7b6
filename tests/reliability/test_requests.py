"""Issue 13 items 8 and 11 over the public API: prompts are bounded (length and BREAK chunks) with a clear message,
and every wrong value names its field and what it takes; names with bidirectional controls are refused."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from localai_ui.schemas.field_values import MAX_BREAKS, MAX_PROMPT_CHARS
from tests.e2e.conftest import RunningApp, start_app, stop_app
from tests.e2e.test_api import latest_id, outputs_of, record
from tests.reliability.apps import SMALL, api_client, own_settings

REFUSAL_S = 2.0  # a refused prompt answers at once instead of holding the queue
WRONG_VALUES: tuple[tuple[str, object, str], ...] = (
	('steps', 'many', 'steps takes a whole number from 1 to 150'),
	('steps', 2.5, 'steps takes a whole number from 1 to 150'),
	('steps', 10**12, 'steps takes a whole number from 1 to 150'),
	('cfg_scale', 'high', 'cfg_scale takes a number from 1.0 to 30.0'),
	('cfg_scale', 'nan', 'cfg_scale takes a number from 1.0 to 30.0'),
	('width', 'wide', 'width takes a multiple of 8 from 64 to 2048'),
	('height', [64], 'height takes a multiple of 8 from 64 to 2048'),
	('seed', 'lucky', 'seed takes -1 (a random seed) or a whole number from 0 to 4294967295'),
	('seed', 2**40, 'seed takes -1 (a random seed) or a whole number from 0 to 4294967295'),
)
BIDI_NAME = 'cat\u202egpj.exe'


@pytest.fixture(scope='module')
def app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	root = tmp_path_factory.mktemp('requests')
	imports = root / 'imports'
	imports.mkdir()
	os.symlink(imports / 'loop-b.safetensors', imports / 'loop-a.safetensors')
	os.symlink(imports / 'loop-a.safetensors', imports / 'loop-b.safetensors')
	running = start_app(own_settings(root, tiny_models_dir, '--import-dir', str(imports)))
	yield running
	stop_app(running)


@pytest.fixture(scope='module')
def client(app: RunningApp) -> Client:
	return api_client(app.url)


def refused_in_time(client: Client, match: str, **values: object) -> float:
	started = time.monotonic()
	with pytest.raises(AppError, match=match):
		client.predict(api_name='/generate', **{**SMALL, **values})
	return time.monotonic() - started


def test_huge_prompts_are_refused_at_once_and_never_stored(app: RunningApp, client: Client) -> None:
	before = latest_id(app)
	limit = f'the limit is {MAX_PROMPT_CHARS:,} characters'
	assert refused_in_time(client, f'prompt is 1,048,576 characters long; {limit}', prompt='x' * 2**20) < REFUSAL_S
	assert refused_in_time(client, f'negative_prompt is .* {limit}', negative_prompt='y' * 20_000) < REFUSAL_S
	assert refused_in_time(client, f'prompt is 30,000 characters long; {limit}', prompt='BREAK ' * 5000) < REFUSAL_S
	breaks = 'BREAK ' * 1600  # within the length limit, 1,600 chunks
	assert refused_in_time(client, f'prompt has 1600 BREAKs; the limit is {MAX_BREAKS}', prompt=breaks) < REFUSAL_S
	assert latest_id(app) == before, 'a refused request leaves no history row'


def test_the_longest_allowed_prompt_runs_and_is_stored_whole(app: RunningApp, client: Client) -> None:
	longest = ' BREAK '.join(['word'] * (MAX_BREAKS + 1))
	longest += ' ' + 'z' * (MAX_PROMPT_CHARS - len(longest) - 1)
	outputs = outputs_of(client.predict(prompt=longest, api_name='/generate', **SMALL))
	assert str(outputs[3]).endswith('.png') and record(app, latest_id(app)).prompt == longest


@pytest.mark.parametrize(('field', 'value', 'message'), WRONG_VALUES)
def test_wrong_numbers_name_the_field_and_what_it_takes(
	client: Client, field: str, value: object, message: str
) -> None:
	with pytest.raises(AppError, match=message.replace('(', r'\(').replace(')', r'\)')):
		client.predict(prompt='x', api_name='/generate', **{**SMALL, field: value})


def test_huge_pages_and_ids_name_the_field(client: Client) -> None:
	with pytest.raises(AppError, match='page takes a whole number from 1 to 1,000,000,000'):
		client.predict(page=10**30, api_name='/search_history')
	with pytest.raises(AppError, match='image_id takes a whole number from 1 to 9,223,372,036,854,775,807'):
		client.predict(image_id=2**70, api_name='/get_generation')
	with pytest.raises(AppError, match='generation_id takes a whole number from 1'):
		client.predict(generation_id=-3, api_name='/delete_generation')


def test_odd_import_paths_say_what_is_wrong(client: Client) -> None:
	with pytest.raises(AppError, match='a path of 5,000 characters is refused; a path may be at most 4,096'):
		client.predict(source='ab/' * 1666 + 'xy', api_name='/import_model')
	with pytest.raises(AppError, match='loops back on itself') as loop:
		client.predict(source='loop-a.safetensors', api_name='/import_model')
	with pytest.raises(AppError, match=r'a path may not hold : \* \? " < > \|') as odd:
		client.predict(source='a:b>c<.safetensors', api_name='/import_model')
	assert 'absolute' not in str(odd.value) and 'absolute' not in str(loop.value)


def test_names_with_bidirectional_controls_are_refused(client: Client) -> None:
	with pytest.raises(AppError, match='bidirectional control characters'):
		client.predict(name='tiny-sd15', new_name=BIDI_NAME, api_name='/rename_model')
	with pytest.raises(AppError, match='bidirectional control characters'):
		client.predict(name=BIDI_NAME, prompt='{prompt}, oil', api_name='/save_style')
	listed = outputs_of((client.predict(refresh=True, api_name='/list_models'),))
	assert 'tiny-sd15' in str(listed[0])
