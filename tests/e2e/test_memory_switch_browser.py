"""A person whose run ran out of GPU memory: the result pane names the mode that would have fitted and offers it as a
button; one click stores it (as the Settings tab does), says so, and the next run loads the model in that mode. A
failure of another kind offers nothing; the API takes the same step at /use_lighter_memory."""

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from playwright.sync_api import Page, expect

from localai_ui.app import build_app, serve_options
from localai_ui.context import build_context
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.settings.device_check import device_check
from localai_ui.features.settings.memory_switch import switch_memory_mode
from localai_ui.features.settings.store import SettingsStore
from localai_ui.schemas.system import MemoryMode
from localai_ui.server import serve
from localai_ui.settings import Settings
from tests.cores.jobs import new_applier
from tests.cuda_like import OutOfMemoryLoader, cuda_like_plan
from tests.e2e.conftest import RunningApp, stop_app
from tests.e2e.test_browser import TIMEOUT_MS, open_generate

SWITCH = '#use-lighter-memory'
MESSAGE = '#memory-switch-message'
ENDPOINT = '/use_lighter_memory'


@pytest.fixture
def gpu_app(app_settings: Settings) -> Iterator[tuple[RunningApp, OutOfMemoryLoader]]:
	"""The real app on a 24 GB CUDA GPU as the memory policy sees it, where every UNet call runs out of memory (the
	test machine has no GPU: models load on its CPU); settings are checked as on a machine with that one GPU."""
	context = build_context(app_settings)
	store = SettingsStore(context.database, check=device_check(gpu_count=1, mps_available=False))
	plan = cuda_like_plan(lambda: store.current().device.memory)
	loader = OutOfMemoryLoader()
	manager = PipelineManager(plan, new_applier(), loader=loader)
	generate = GenerateService(
		manager=manager,
		database=context.database,
		outputs_dir=app_settings.outputs_dir,
		resolver=context.generate.resolver,
	)
	context = replace(
		context,
		generate=generate,
		preferences=Preferences(
			app_settings.preview, store.current, store.save_preview, partial(switch_memory_mode, store)
		),
		app_settings=replace(context.app_settings, store=store),
	)
	demo = build_app(context)
	running = serve(demo, serve_options(app_settings, quiet=True))
	app = RunningApp(running.url, context, demo, running)
	yield app, loader
	stop_app(app)


def run_and_fail(page: Page, mode: str) -> None:
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text(
		f'Failed: Out of memory in {mode} mode at 64x64', timeout=TIMEOUT_MS
	)


def test_one_click_switches_to_the_mode_that_would_have_fitted(
	page: Page, gpu_app: tuple[RunningApp, OutOfMemoryLoader]
) -> None:
	app, loader = gpu_app
	store = app.context.app_settings.store
	open_generate(page, app)
	switch, message = page.locator(SWITCH), page.locator(MESSAGE)
	expect(switch).to_be_hidden()
	page.locator('#prompt textarea').fill('a lighthouse at dusk')
	run_and_fail(page, 'high')
	expect(page.locator('#progress')).to_contain_text('medium mode (--memory medium')
	expect(switch).to_be_visible(timeout=TIMEOUT_MS)
	expect(switch).to_have_text('Switch to medium memory mode')
	expect(page.locator('#stop')).to_have_class(re.compile(r'\bsecondary\b'), timeout=TIMEOUT_MS)  # not still red
	switch.click()
	expect(message).to_have_text('Memory mode is now medium; run again.', timeout=TIMEOUT_MS)
	expect(switch).to_be_hidden()
	assert store.stored().device.memory == SettingsStore(app.context.database).stored().device.memory == 'medium'

	run_and_fail(page, 'medium')  # the model is loaded again in the mode just stored; this card is too small anyway
	assert loader.modes == [MemoryMode.HIGH, MemoryMode.MEDIUM]
	expect(switch).to_have_text('Switch to low memory mode', timeout=TIMEOUT_MS)
	expect(message).to_have_text('')

	loader.failure = RuntimeError('the UNet broke')  # a failure of another kind offers nothing
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text('Failed: RuntimeError: the UNet broke', timeout=TIMEOUT_MS)
	expect(switch).to_be_hidden(timeout=TIMEOUT_MS)
	assert store.stored().device.memory == 'medium'

	client = Client(app.url, analytics_enabled=False, verbose=False)
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	endpoint = cast(dict[str, list[dict[str, object]]], cast(dict[str, object], api['named_endpoints'])[ENDPOINT])
	assert [parameter['parameter_name'] for parameter in endpoint['parameters']] == ['mode']
	assert client.predict(mode='low', api_name=ENDPOINT) == 'Memory mode is now low; run again.'
	assert store.stored().device.memory == 'low'
	with pytest.raises(AppError, match="memory mode 'tiny' is unknown"):
		client.predict(mode='tiny', api_name=ENDPOINT)
