"""A person in a browser: search the history, open an image, send it back to Generate."""

import re
from pathlib import Path

from gradio_client import Client
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RunningApp
from tests.history.png_samples import SAMPLES

TIMEOUT_MS = 30_000
SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 2}


def test_search_open_an_image_and_send_it_to_generate(page: Page, running_app: RunningApp, client: Client) -> None:
	client.predict(prompt='a purple kite', seed=77, api_name='/generate', **SMALL)
	client.predict(prompt='a green teapot', seed=5, api_name='/generate', **SMALL)
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	expect(page.locator('#history-gallery img')).to_have_count(2, timeout=TIMEOUT_MS)
	page.locator('#history-search textarea').fill('kite')
	page.locator('#history-search-button').click()
	expect(page.locator('#history-gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	page.locator('#history-gallery img').first.click()
	details = page.locator('#history-details')
	expect(details).to_contain_text('a purple kite', timeout=TIMEOUT_MS)
	expect(details).to_contain_text('77')
	expect(page.locator('#history-image img')).to_be_visible()
	page.locator('#history-send').click()
	expect(page.locator('#prompt textarea')).to_have_value('a purple kite', timeout=TIMEOUT_MS)
	expect(page.locator('#seed input')).to_have_value('77')
	expect(page.get_by_role('tab', name='Generate')).to_have_attribute('aria-selected', re.compile('true'))


def test_favourite_export_and_delete_after_confirming(page: Page, running_app: RunningApp, client: Client) -> None:
	client.predict(prompt='a red lantern', seed=9, api_name='/generate', **SMALL)
	outputs = running_app.context.settings.outputs_dir
	[image_file] = list(outputs.glob('*/*.png'))
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	expect(page.locator('#history-gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	page.locator('#history-gallery img').first.click()
	expect(page.locator('#history-details')).to_contain_text('a red lantern', timeout=TIMEOUT_MS)
	page.locator('#history-favourite').click()
	expect(page.locator('#history-favourite')).to_contain_text('★', timeout=TIMEOUT_MS)
	page.get_by_text('Export', exact=True).first.click()
	page.get_by_role('button', name='Add image to selection').click()
	expect(page.get_by_text('1 image(s) selected.')).to_be_visible(timeout=TIMEOUT_MS)
	page.locator('#history-export').click()
	expect(page.get_by_text(re.compile(r'history-.*\.zip')).first).to_be_visible(timeout=TIMEOUT_MS)
	page.locator('#history-delete').click()
	page.locator('#history-cancel').click()
	expect(page.locator('#history-confirm')).to_be_hidden()
	assert image_file.exists()
	page.locator('#history-delete').click()
	page.locator('#history-confirm').click()
	expect(page.locator('#history-details')).to_contain_text('Deleted.', timeout=TIMEOUT_MS)
	expect(page.locator('#history-gallery img')).to_have_count(0, timeout=TIMEOUT_MS)
	assert not image_file.exists()


def test_png_info_reads_a_dropped_file_and_sends_it(page: Page, running_app: RunningApp, tmp_path: Path) -> None:
	path = tmp_path / 'invoke.png'
	path.write_bytes(SAMPLES['invokeai'])
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	page.get_by_role('tab', name='PNG Info').click()
	page.locator('#png-info-file input[type=file]').set_input_files(str(path))
	expect(page.locator('#png-info-summary')).to_contain_text('InvokeAI', timeout=TIMEOUT_MS)
	page.locator('#png-info-send').click()
	expect(page.locator('#prompt textarea')).to_have_value('a koi pond', timeout=TIMEOUT_MS)
	expect(page.locator('#seed input')).to_have_value('987')
