"""The /generate endpoint through gradio_client, as a script user would call it."""

import time
from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from gradio_client.utils import Status

from localai_ui.database import crud as database_service
from localai_ui.engine.build import manager_of
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord
from tests.e2e.conftest import RunningApp

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 3}


def outputs_of(value: object) -> tuple[object, ...]:
	assert isinstance(value, tuple)
	return cast(tuple[object, ...], value)


def record(app: RunningApp, generation_id: int) -> GenerationRecord:
	with app.context.database.transaction() as session:
		found = database_service.get_generation(session, generation_id=generation_id)
	assert found is not None
	return found


def latest_id(app: RunningApp) -> int:
	with app.context.database.transaction() as session:
		return database_service.count_generations(session)


def test_predict_returns_images_infotext_and_seeds(client: Client, running_app: RunningApp) -> None:
	images, infotext, seeds, *_ = outputs_of(
		client.predict(prompt='a cat', seed=11, batch_size=2, api_name='/generate', **SMALL)
	)
	assert isinstance(images, list) and len(cast(list[object], images)) == 2
	assert isinstance(infotext, str) and infotext.startswith('a cat\nSteps: 3, Sampler: DPM++ 2M')
	assert seeds == [11, 12]
	saved = record(running_app, latest_id(running_app))
	assert saved.status is RunStatus.COMPLETED and saved.prompt == 'a cat' and saved.seeds == (11, 12)
	assert len(list(running_app.context.settings.outputs_dir.glob('*/*.png'))) == 2


def test_generate_is_public_and_internal_events_are_not(client: Client) -> None:
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	named = cast(dict[str, dict[str, object]], api['named_endpoints'])
	assert '/generate' in named
	parameters = cast(list[dict[str, object]], named['/generate']['parameters'])
	assert [parameter['parameter_name'] for parameter in parameters][:12] == [
		'prompt', 'negative_prompt', 'model', 'sampler', 'schedule', 'steps', 'cfg_scale', 'width', 'height', 'seed',
		'batch_count', 'batch_size',
	]  # fmt: skip
	internal = {'/random_seed', '/seed_of', '/refresh_models', '/select_image', '/set_preview', '/stop'}
	assert not internal & set(named)
	assert all(name.lstrip('/').replace('_', '').isalnum() for name in named)


def test_submit_streams_previews_then_the_final_image(client: Client) -> None:
	job = client.submit(prompt='a dog', api_name='/generate', **{**SMALL, 'steps': 6})
	outputs = [outputs_of(output) for output in job]
	results = [Path(output[3]).suffix for output in outputs if isinstance(output[3], str)]
	assert results.count('.jpeg') >= 3, 'live previews are cheap JPEGs in the result pane'
	assert results[-1] == '.png', 'when the run is done the result pane shows the saved PNG'
	assert isinstance(job.result(), tuple)


def test_errors_reach_the_caller_as_messages(client: Client, running_app: RunningApp) -> None:
	with pytest.raises(AppError, match="Model 'nope' is not in"):
		client.predict(prompt='x', model='nope', api_name='/generate', **SMALL)
	with pytest.raises(AppError, match='multiples of 8'):
		client.predict(prompt='x', api_name='/generate', **{**SMALL, 'width': 100})
	assert client.predict(prompt='still works', api_name='/generate', **SMALL) is not None


def test_cancel_stops_the_run(client: Client, running_app: RunningApp) -> None:
	job = client.submit(prompt='long', api_name='/generate', **{**SMALL, 'steps': 150, 'batch_count': 20})
	deadline = time.monotonic() + 30
	while job.status().code is not Status.ITERATING and time.monotonic() < deadline:
		time.sleep(0.05)
	assert job.cancel()
	deadline = time.monotonic() + 15
	while manager_of(running_app.context.engine).busy and time.monotonic() < deadline:
		time.sleep(0.05)
	assert not manager_of(running_app.context.engine).busy
	time.sleep(0.3)
	assert record(running_app, latest_id(running_app)).status is RunStatus.INTERRUPTED


def test_two_submits_take_turns_and_the_second_says_it_waits(client: Client, running_app: RunningApp) -> None:
	first = client.submit(prompt='first', api_name='/generate', **{**SMALL, 'steps': 40})
	while not manager_of(running_app.context.engine).busy:
		time.sleep(0.01)
	second = client.submit(prompt='second', api_name='/generate', **SMALL)
	lines = [str(outputs_of(output)[4]) for output in second]
	first.result()
	assert any('Waiting: 1 run ahead' in line for line in lines), lines
	one, two = sorted((record(running_app, 1), record(running_app, 2)), key=lambda row: row.started_at)
	assert (one.prompt, two.prompt) == ('first', 'second')
	assert one.status is two.status is RunStatus.COMPLETED


def test_clip_skip_and_styles_are_api_parameters(client: Client) -> None:
	_, infotext, *_ = outputs_of(client.predict(prompt='a fox', clip_skip=2, api_name='/generate', **SMALL))
	assert isinstance(infotext, str) and 'Clip skip: 2' in infotext
