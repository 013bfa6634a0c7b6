"""/progress while a run goes, /interrupt stopping it, and API runs taking turns on the device with each other and
with runs started from the page (the same pipeline manager line and GPU lock)."""

import base64
import io
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import cast

from gradio_client import Client
from PIL import Image
from webuiapi import WebUIApi

from localai_ui.engine.build import manager_of
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord
from tests.e2e.conftest import RunningApp
from tests.e2e.test_api import latest_id, record
from tests.sdapi.conftest import TINY, steps, webui

LONG = steps(150)
Progress = Mapping[str, object]


def state_of(progress: Progress) -> Mapping[str, object]:
	return cast(Mapping[str, object], progress['state'])


def progress_until(api: WebUIApi, wanted: Callable[[Progress], bool], timeout_s: float = 30) -> Progress:
	"""Poll /progress until `wanted` holds; the last answer otherwise (the test's assert then shows it)."""
	deadline = time.monotonic() + timeout_s
	progress = api.get_progress()
	while not wanted(progress) and time.monotonic() < deadline:
		time.sleep(0.1)  # each answer carries a PNG preview: poll gently
		progress = api.get_progress()
	return progress


def by_prompt(app: RunningApp, *prompts: str) -> list[GenerationRecord]:
	rows = {row.prompt: row for row in (record(app, index) for index in range(1, latest_id(app) + 1))}
	return [rows[prompt] for prompt in prompts]


def took_turns(first: GenerationRecord, second: GenerationRecord) -> bool:
	"""True when `second` got the device only after `first` had sampled all its steps there (images are saved off
	the device, so `finished_at` may come after the next run started: that is by design)."""
	sampling_s = first.steps * first.batch_count / (first.it_per_s or float('inf'))
	return (second.started_at - first.started_at).total_seconds() >= 0.9 * sampling_s > 0


def test_progress_follows_the_run_and_interrupt_stops_it(api: WebUIApi, api_app: RunningApp) -> None:
	assert api.get_progress()['progress'] == 0 and state_of(api.get_progress())['job_count'] == 0
	with ThreadPoolExecutor(1) as pool:
		started = time.monotonic()
		running = pool.submit(webui(api_app).txt2img, prompt='a long run', seed=4, **LONG)
		seen = progress_until(api, lambda progress: cast(int, state_of(progress)['sampling_step']) >= 2)
		api.interrupt()
		result = running.result(timeout=60)
		took = time.monotonic() - started
	state = state_of(seen)
	assert state['job'] == 'txt2img' and state['job_count'] == 1 and state['sampling_steps'] == LONG['steps']
	assert 0 < cast(float, seen['progress']) < 0.5 and cast(float, seen['eta_relative']) > 0
	assert str(seen['textinfo']).startswith('Step ')
	with Image.open(io.BytesIO(base64.b64decode(str(seen['current_image'])))) as preview:
		assert preview.width > 0, 'the live preview comes as a base64 picture'
	saved = record(api_app, latest_id(api_app))
	assert saved.prompt == 'a long run' and saved.status is RunStatus.INTERRUPTED
	assert result.images == [] and result.info['all_seeds'] == [4] and took < 30, 'no batch had finished'
	after = api.get_progress()
	assert after['progress'] == 0 and state_of(after)['job_count'] == 0


def test_an_api_run_waits_behind_a_run_from_the_page(api: WebUIApi, api_app: RunningApp) -> None:
	page = Client(api_app.url, analytics_enabled=False, verbose=False)
	first = page.submit(prompt='from the page', api_name='/generate', **steps(30))
	deadline = time.monotonic() + 30
	while not manager_of(api_app.context.engine).busy and time.monotonic() < deadline:
		time.sleep(0.05)
	with ThreadPoolExecutor(1) as pool:
		later = pool.submit(webui(api_app).txt2img, prompt='from a script', seed=1, **TINY)
		waiting = progress_until(api, lambda progress: str(progress['textinfo']).startswith('Waiting'))
		first.result(timeout=60)
		result = later.result(timeout=60)
	assert waiting['textinfo'] == 'Waiting: 1 run ahead' and waiting['progress'] == 0
	assert len(result.images) == 1
	page_row, api_row = by_prompt(api_app, 'from the page', 'from a script')
	assert took_turns(page_row, api_row)
	assert page_row.status is api_row.status is RunStatus.COMPLETED


def test_two_scripts_at_once_take_turns(api_app: RunningApp) -> None:
	with ThreadPoolExecutor(2) as pool:
		runs = [
			pool.submit(webui(api_app).txt2img, prompt=f'script {name}', seed=1, **steps(10)) for name in ('one', 'two')
		]
		results = [run.result(timeout=60) for run in runs]
	assert all(len(result.images) == 1 for result in results)
	one, two = sorted(by_prompt(api_app, 'script one', 'script two'), key=lambda row: row.started_at)
	assert took_turns(one, two), 'the runs never overlap on the device'
