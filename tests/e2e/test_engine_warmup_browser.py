"""The page comes before the engine: served while torch and diffusers still load, it says so at the top; a run
started meanwhile says it waits for the engine and goes on by itself once the engine is up; a start that fails is
named on the page."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from localai_ui.app import build_app, serve_options
from localai_ui.app_context import AppContext
from localai_ui.context import build_context
from localai_ui.schemas.progress import WARMING_TEXT
from localai_ui.server import serve
from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import open_generate

TIMEOUT_MS = 60_000


@pytest.fixture
def cold_app(app_settings: Settings) -> Iterator[RunningApp]:
	"""The app as the command line serves it: the page first, the engine not started yet."""
	context = build_context(app_settings, engine_now=False)
	demo = build_app(context)
	running = serve(demo, serve_options(app_settings, quiet=True))
	yield RunningApp(running.url, context, demo, running)
	running.close()
	if not context.engine.late.wait(0):
		context.engine.late.fail('the test ended first')
	context.close()


def test_a_run_started_while_the_engine_warms_up_waits_and_then_runs(page: Page, cold_app: RunningApp) -> None:
	context: AppContext = cold_app.context
	open_generate(page, cold_app)
	notice = page.locator('#engine-notice')
	expect(notice).to_contain_text(WARMING_TEXT)
	page.locator('#prompt textarea').fill('a red apple on a table')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text(WARMING_TEXT, timeout=TIMEOUT_MS)
	page.wait_for_timeout(500)  # the run keeps waiting: nothing starts the engine but the app
	expect(page.locator('#gallery img')).to_have_count(0)
	assert not context.engine.late.ready

	context.start_engine()
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	expect(page.locator('#progress')).to_contain_text('Done: 1 image')
	expect(notice).not_to_contain_text(WARMING_TEXT, timeout=TIMEOUT_MS)
	expect(page.locator('#prompt-tokens')).to_have_text(
		'17/75', timeout=TIMEOUT_MS
	)  # counted with the engine's tokenizer


def test_an_engine_that_cannot_start_is_named_on_the_page_and_in_the_run(page: Page, cold_app: RunningApp) -> None:
	open_generate(page, cold_app)
	page.locator('#prompt textarea').fill('a blue boat')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text(WARMING_TEXT, timeout=TIMEOUT_MS)
	cold_app.context.engine.late.fail('--device cuda:3: this machine has no such GPU')
	expect(page.locator('#progress')).to_contain_text(
		'The engine could not start: --device cuda:3: this machine has no such GPU', timeout=TIMEOUT_MS
	)
	expect(page.locator('#engine-notice')).to_contain_text('The engine could not start: --device cuda:3')


def test_every_tab_opens_while_the_engine_warms_up(page: Page, cold_app: RunningApp) -> None:
	"""No tab waits on the engine to show itself, and none logs an error or gets a 5xx while it starts (the page
	fixture fails the test on either); once it is up, Settings shows the device it planned."""
	page.goto(cold_app.url)
	expect(page.locator('#engine-notice')).to_contain_text(WARMING_TEXT)
	for tab in ('Upscale', 'Models', 'LoRAs', 'Styles', 'History', 'Settings', 'Generate'):
		page.get_by_role('tab', name=tab, exact=True).click()
		page.wait_for_timeout(300)
	expect(page.locator('#engine-notice')).to_contain_text(WARMING_TEXT)
	cold_app.context.start_engine()
	expect(page.locator('#engine-notice')).not_to_contain_text(WARMING_TEXT, timeout=TIMEOUT_MS)
	page.get_by_role('tab', name='Settings', exact=True).click()
	expect(page.locator('#settings-device-note')).to_contain_text('In use now: cpu float32', timeout=TIMEOUT_MS)
	expect(page.locator('#settings-system-facts')).to_contain_text('cpu', timeout=TIMEOUT_MS)
