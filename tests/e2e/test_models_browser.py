"""A person in the Models tab: the table lists the models, one loads, one becomes the default (and Generate picks it
after a reload), refusals leave the tab as it was, a rename reaches Generate's list, nothing scrolls sideways."""

from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import Locator, Page, expect

from localai_ui.settings import Settings
from tests.e2e.browser import TABLET, PageProblems, sideways_overflow
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.models.conftest import models_dir, models_settings, tiny_checkpoints_dir
from tests.models.http_server import Files, serving

__all__ = ['models_dir', 'models_settings', 'tiny_checkpoints_dir']
TIMEOUT_MS = 30_000
ROWS = '#models-table [role=row]'
ERROR_BADGES = '[data-testid="status-tracker"] .error'


@pytest.fixture
def models_app(models_settings: Settings) -> Iterator[RunningApp]:
	"""The tiny single-file checkpoints and a pickle the library lists as refused."""
	(models_settings.models_dir / 'old.ckpt').write_bytes(b'\x80\x04pickled')
	app = start_app(replace(models_settings, port=free_port()))
	yield app
	stop_app(app)


def text_field(page: Page, elem_id: str) -> Locator:
	return page.locator(f'#{elem_id} textarea, #{elem_id} input').first


def choose(page: Page, elem_id: str, option: str) -> None:
	page.locator(f'#{elem_id} input').click()
	page.get_by_role('option', name=option, exact=True).click()


def open_tab(page: Page, name: str) -> None:
	page.get_by_role('tab', name=name, exact=True).click()


def row_of(page: Page, name: str) -> Locator:
	return page.locator(ROWS).filter(has=page.get_by_role('gridcell', name=name, exact=True))


def expect_refused(page: Page, message_id: str, reason: str) -> None:
	"""The reason in a toast and in the message box, and no component marked as failed; then the toasts are closed
	(they would cover the buttons at the bottom right for a few seconds)."""
	expect(page.locator('.toast-body.warning').last).to_contain_text(reason, timeout=TIMEOUT_MS)
	expect(page.locator(ERROR_BADGES)).to_have_count(0)
	message = page.locator(f'#{message_id}')
	expect(message).to_contain_text('Not done:')
	expect(message).to_contain_text(reason)
	page.evaluate("document.querySelectorAll('.toast-close').forEach(button => button.click())")


def refused_input(page: Page, prefix: str, field: str, value: str, button: str, reason: str) -> None:
	"""Type `value` into `#<prefix>-<field>`, press `#<prefix>-<button>`, and see it refused."""
	text_field(page, f'{prefix}-{field}').fill(value)
	page.locator(f'#{prefix}-{button}').click()
	expect_refused(page, f'{prefix}-message', reason)


def unnamed_buttons(page: Page) -> list[str]:
	"""Buttons of the open tab a screen reader could not name: no text, no aria-label, no title."""
	return page.evaluate("""() => [...document.querySelectorAll('[role=tabpanel] button')]
		.filter(button => button.offsetParent !== null)
		.filter(button => !(button.innerText.trim() || button.getAttribute('aria-label') || button.title))
		.map(button => button.outerHTML.slice(0, 120))""")


def expect_models_listed(page: Page) -> None:
	for name in ('old', 'tiny-sd15', 'tiny-sdxl'):
		expect(row_of(page, name)).to_have_count(1, timeout=TIMEOUT_MS)


def test_load_set_default_and_generate_picks_it_after_a_reload(
	page: Page, page_problems: PageProblems, models_app: RunningApp
) -> None:
	page.goto(models_app.url)
	open_tab(page, 'Models')
	expect_models_listed(page)
	expect(row_of(page, 'old')).to_contain_text('unsupported')
	expect(row_of(page, 'old')).not_to_contain_text('pickle checkpoints')
	assert (page.locator('#models-table [role=columnheader]').first.bounding_box() or {'height': 999})['height'] < 60
	expect(page.locator('#models-details')).to_contain_text('pickle checkpoints')
	choose(page, 'models-selected', 'tiny-sd15')
	page.locator('#models-load').click()
	expect(page.locator('#models-message')).to_have_text('Loaded tiny-sd15.', timeout=TIMEOUT_MS)
	expect(row_of(page, 'tiny-sd15')).to_contain_text('loaded')
	choose(page, 'models-selected', 'tiny-sdxl')
	page.locator('#models-default').click()
	expect(row_of(page, 'tiny-sdxl')).to_contain_text('★', timeout=TIMEOUT_MS)
	expect(row_of(page, 'tiny-sd15')).not_to_contain_text('★')
	expect(page.locator('#models-message')).to_contain_text('is the default model')
	page_problems.reload(page)
	expect(page.locator('#model input')).to_have_value('tiny-sdxl', timeout=TIMEOUT_MS)
	page.set_viewport_size(TABLET)
	open_tab(page, 'Models')
	expect_models_listed(page)
	table = page.locator('#models-table .table-wrap')
	assert sideways_overflow(page) == 0
	assert table.evaluate('element => element.scrollWidth - element.clientWidth') <= 0
	assert (page.locator('#models-table [role=columnheader]').first.bounding_box() or {'height': 999})['height'] < 60


def test_refusals_keep_the_tab_then_a_download_and_a_rename_show_up(page: Page, models_app: RunningApp) -> None:
	page.goto(models_app.url)
	open_tab(page, 'Models')
	expect_models_listed(page)
	choose(page, 'models-selected', 'old')
	page.locator('#models-load').click()
	expect_refused(page, 'models-message', 'old.ckpt: pickle checkpoints')
	choose(page, 'models-selected', 'tiny-sd15')
	refused_input(page, 'models', 'new-name', '../evil/name', 'rename', "'../evil/name': a name must be a plain")
	page.get_by_text('Add models', exact=True).click()
	assert unnamed_buttons(page) == []
	refused_input(page, 'models', 'import-path', '../evil.safetensors', 'import', '../evil.safetensors: ".." is')
	refused_input(page, 'models', 'url', 'ftp://example.invalid/x.safetensors', 'download', 'only http:// and https')
	expect_models_listed(page)
	expect(page.locator('#models-selected input')).to_have_value('tiny-sd15')
	body = (models_app.context.settings.models_dir / 'tiny-sd15.safetensors').read_bytes()
	with serving(Files({'/fetched.safetensors': body})) as base:
		text_field(page, 'models-url').fill(f'{base}/fetched.safetensors')
		page.locator('#models-download').click()
		expect(row_of(page, 'fetched')).to_have_count(1, timeout=TIMEOUT_MS)
	expect(page.locator('#models-downloads')).to_contain_text('fetched.safetensors: done')
	text_field(page, 'models-new-name').fill('renamed')
	page.locator('#models-rename').click()
	expect(row_of(page, 'renamed')).to_have_count(1, timeout=TIMEOUT_MS)
	expect(row_of(page, 'tiny-sd15')).to_have_count(0)
	open_tab(page, 'Generate')
	page.locator('#model input').click()
	expect(page.get_by_role('option', name='renamed', exact=True)).to_be_visible(timeout=TIMEOUT_MS)
	expect(page.get_by_role('option', name='tiny-sd15', exact=True)).to_have_count(0)
