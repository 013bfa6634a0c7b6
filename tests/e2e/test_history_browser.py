"""A person in a browser: search the history, open an image, send it back to Generate."""

import re
from pathlib import Path

from gradio_client import Client
from playwright.sync_api import Page, expect

from localai_ui.schemas.generation import GenerationRequest
from tests.e2e.browser import TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp
from tests.e2e.test_styles_browser import cells_wrapped, pick_style
from tests.history.png_samples import MARKED_NEGATIVE, MARKED_PROMPT, SAMPLES
from tests.history.seeding import seed_run

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
	expect(page.locator('#history-prompt textarea')).to_have_value('a purple kite', timeout=TIMEOUT_MS)
	expect(page.locator('#history-details')).to_contain_text('Seed77')
	expect(page.locator('#history-image img')).to_be_visible()
	expect(page.locator('#history-image').get_by_label('Download')).to_be_visible()
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
	expect(page.locator('#history-prompt textarea')).to_have_value('a red lantern', timeout=TIMEOUT_MS)
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
	expect(page.locator('#history-prompt textarea')).to_have_value('')
	expect(page.locator('#history-gallery img')).to_have_count(0, timeout=TIMEOUT_MS)
	assert not image_file.exists()


def open_history(page: Page, running_app: RunningApp) -> None:
	page.goto(running_app.url)
	expect(page.locator('#generate')).to_be_visible(timeout=TIMEOUT_MS)
	page.get_by_role('tab', name='History').click()


def test_history_lists_the_newest_image_at_once_and_reads_like_settings(page: Page, running_app: RunningApp) -> None:
	request = GenerationRequest(prompt=MARKED_PROMPT, negative_prompt=MARKED_NEGATIVE, steps=12, cfg_scale=6.5)
	seed_run(running_app.context.database, running_app.context.settings.outputs_dir, request, seed=31)
	open_history(page, running_app)
	expect(page.locator('#history-gallery img')).to_have_count(1, timeout=1_000)  # the poll would take 2 s
	page.locator('#history-gallery img').first.click()
	expect(page.locator('#history-prompt textarea')).to_have_value(MARKED_PROMPT, timeout=TIMEOUT_MS)
	expect(page.locator('#history-negative textarea')).to_have_value(MARKED_NEGATIVE)
	details = page.locator('#history-details')
	for shown in ('Sampler', 'DPM++ 2M · Automatic', 'CFG scale6.5', 'Seed31', 'LoRAsink (0.6)', '3.50 it/s'):
		expect(details).to_contain_text(shown)
	for hidden in ('image id', 'generation', 'False', 'T12:00', '+00:00'):
		expect(details).not_to_contain_text(hidden)
	assert cells_wrapped(details) == []
	page.set_viewport_size(TABLET)
	expect(details).to_contain_text('When')
	assert cells_wrapped(details) == [] and sideways_overflow(page) == 0
	page.get_by_role('tab', name='PNG Info').click()
	expect(page.locator('#png-info-send')).to_be_visible()
	assert sideways_overflow(page) == 0


def test_png_info_shows_prompts_exactly_and_send_clears_or_sets_styles(
	page: Page, running_app: RunningApp, client: Client, tmp_path: Path
) -> None:
	client.predict(prompt='a red apple', seed=3, styles=['Film Noir'], api_name='/generate', **SMALL)
	[ours] = running_app.context.settings.outputs_dir.glob('*/*.png')
	marked = tmp_path / 'a1111.png'
	marked.write_bytes(SAMPLES['marked'])
	page.goto(running_app.url)
	pick_style(page, 'Golden Hour')
	chosen = page.locator('#styles .token')
	expect(chosen).to_have_text(['Golden Hour'])
	page.get_by_role('tab', name='History').click()
	page.get_by_role('tab', name='PNG Info').click()
	page.locator('#png-info-file input[type=file]').set_input_files(str(marked))
	expect(page.locator('#png-info-prompt textarea')).to_have_value(MARKED_PROMPT, timeout=TIMEOUT_MS)
	expect(page.locator('#png-info-negative textarea')).to_have_value(MARKED_NEGATIVE)
	expect(page.locator('#png-info-summary')).to_contain_text('Made withA1111')
	page.locator('#png-info-send').click()
	expect(page.locator('#prompt textarea')).to_have_value(MARKED_PROMPT, timeout=TIMEOUT_MS)
	expect(chosen).to_have_count(0)  # the file had no styles: Golden Hour must not stay picked
	expect(page.locator('#seed input')).to_have_value('1234')
	page.get_by_role('tab', name='History').click()
	page.locator('#png-info-file').get_by_role('button', name='Clear').click()
	expect(page.locator('#png-info-prompt textarea')).to_have_value('', timeout=TIMEOUT_MS)
	page.locator('#png-info-file input[type=file]').set_input_files(str(ours))
	expect(page.locator('#png-info-summary')).to_contain_text('StylesFilm Noir', timeout=TIMEOUT_MS)
	page.locator('#png-info-send').click()
	expect(page.locator('#prompt textarea')).to_have_value('a red apple', timeout=TIMEOUT_MS)  # not styled twice
	expect(chosen).to_have_text(['Film Noir'])


def test_older_and_newer_page_through_the_history(page: Page, running_app: RunningApp) -> None:
	context = running_app.context
	for number in range(50):
		seed_run(context.database, context.settings.outputs_dir, GenerationRequest(prompt=f'page run {number}'))
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	label = page.locator('#history-page')
	expect(label).to_contain_text('Page 1 · 48 images, more on the next page', timeout=TIMEOUT_MS)
	page.locator('#history-next').click()
	expect(label).to_contain_text('Page 2 · 2 images', timeout=TIMEOUT_MS)
	page.locator('#history-gallery img').first.click()
	expect(page.locator('#history-prompt textarea')).to_have_value('page run 1', timeout=TIMEOUT_MS)
	page.locator('#history-previous').click()
	expect(label).to_contain_text('Page 1 · 48 images', timeout=TIMEOUT_MS)
