"""The Generate tab as A1111, Forge and Fooocus users expect it: the result beside the prompt, Stop that stops
cleanly, the queue in words, a model list that never goes stale, a page that fits a tablet."""

import re

from gradio_client import Client
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import DESKTOP, TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate, set_slider


def pick(page: Page, elem_id: str, option: str) -> None:
	page.locator(f'#{elem_id} input').click()
	page.locator(f'#{elem_id}').get_by_role('option', name=option, exact=True).click()


ERROR_BADGES = '#gallery .error, #result .error, #infotext .error, #progress .error'


def test_the_final_image_shows_in_the_first_viewport(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	page.evaluate('window.scrollTo(0, 0)')  # back up from the size sliders, to the prompt
	page.locator('#prompt textarea').fill('a red apple')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text('Done: 1 image', timeout=TIMEOUT_MS)
	image = page.locator('#result img')
	expect(image).to_be_visible()
	box = image.bounding_box()
	assert box is not None and box['y'] >= 0 and box['y'] + min(box['height'], 200) <= DESKTOP['height']
	assert page.evaluate('window.scrollY') == 0
	generate = page.locator('#generate').bounding_box()
	prompt = page.locator('#prompt').bounding_box()
	assert generate is not None and prompt is not None and generate['x'] > prompt['x'] + prompt['width'] - 1


def test_stop_keeps_finished_images_and_says_so_without_an_error(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	set_slider(page, 'Steps', 40)
	set_slider(page, 'Batch count', 30)
	page.locator('#prompt textarea').fill('a long night')
	page.locator('#generate').click()
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	page.locator('#stop').click()
	expect(page.locator('#progress')).to_contain_text(re.compile(r'Stopped: \d+ images? kept\.'), timeout=TIMEOUT_MS)
	expect(page.locator(ERROR_BADGES)).to_have_count(0)
	page.get_by_text('Seeds', exact=True).click()
	expect(page.locator('#seeds')).to_contain_text(re.compile(r'\d'))


def test_a_second_page_waits_in_line_and_says_how_many_runs_are_ahead(
	browser: Browser, page: Page, running_app: RunningApp
) -> None:
	open_generate(page, running_app)
	set_slider(page, 'Steps', 150)  # far longer than a second page takes to open on a loaded machine: it is stopped
	set_slider(page, 'Batch count', 30)
	page.locator('#prompt textarea').fill('first in line')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text('Step', timeout=TIMEOUT_MS)
	other = browser.new_page(viewport=DESKTOP)
	try:
		open_generate(other, running_app)
		other.locator('#prompt textarea').fill('second in line')
		other.locator('#generate').click()
		expect(other.locator('#progress')).to_contain_text('Waiting: 1 run ahead', timeout=TIMEOUT_MS)
		page.locator('#stop').click()
		expect(other.locator('#progress')).to_contain_text('Done: 1 image', timeout=TIMEOUT_MS)
	finally:
		other.close()


def test_the_model_list_follows_renames_and_the_default(page: Page, running_app: RunningApp, client: Client) -> None:
	client.predict(name='tiny-sdxl', api_name='/set_default_model')
	page.goto(running_app.url)
	expect(page.locator('#model input')).to_have_value('tiny-sdxl', timeout=TIMEOUT_MS)
	client.predict(name='tiny-sd15', new_name='Renamed', api_name='/rename_model')
	try:
		page.locator('#model input').click()
		expect(page.get_by_role('option', name='Renamed', exact=True)).to_be_visible(timeout=TIMEOUT_MS)
		expect(page.get_by_role('option', name='tiny-sd15', exact=True)).to_have_count(0)
	finally:  # the models folder is shared by the session's tests
		client.predict(name='Renamed', new_name='tiny-sd15', api_name='/rename_model')


def test_sizes_snap_to_multiples_of_8_and_schedules_follow_the_sampler(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	set_slider(page, 'Width', 100)
	width = page.get_by_label('number input for Width', exact=True)
	expect(width).to_have_value(re.compile(r'^(96|104)$'))
	page.locator('#generate').focus()
	page.wait_for_timeout(300)
	assert int(width.input_value()) in (96, 104)
	pick(page, 'sampler', 'Euler a')
	page.locator('#schedule input').click()
	expect(page.locator('#schedule').get_by_role('option', name='Karras', exact=True)).to_be_visible()
	page.locator('#steps').click()
	pick(page, 'sampler', 'DDIM')
	page.locator('#schedule input').click()
	expect(page.locator('#schedule').get_by_role('option', name='Automatic', exact=True)).to_be_visible()
	expect(page.locator('#schedule').get_by_role('option', name='Karras', exact=True)).to_have_count(0)


def test_at_tablet_width_generate_follows_the_prompt_and_nothing_scrolls_sideways(
	page: Page, running_app: RunningApp
) -> None:
	page.set_viewport_size(TABLET)
	page.goto(running_app.url)
	expect(page.locator('#generate')).to_be_visible(timeout=TIMEOUT_MS)
	prompt, generate = page.locator('#prompt').bounding_box(), page.locator('#generate').bounding_box()
	parameters = page.locator('#generate-parameters').bounding_box()
	assert prompt is not None and generate is not None and parameters is not None
	assert prompt['y'] < generate['y'] < parameters['y']
	assert sideways_overflow(page) == 0


def test_an_error_toast_never_covers_the_generate_button(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	model = page.locator('#model input')
	model.fill('no such model')
	model.press('Enter')
	page.locator('#generate').click()
	toast = page.locator('.toast-body').first
	expect(toast).to_contain_text("Model 'no such model' is not in", timeout=TIMEOUT_MS)
	toast_box, button = toast.bounding_box(), page.locator('#generate').bounding_box()
	assert toast_box is not None and button is not None
	overlaps_x = toast_box['x'] < button['x'] + button['width'] and button['x'] < toast_box['x'] + toast_box['width']
	overlaps_y = toast_box['y'] < button['y'] + button['height'] and button['y'] < toast_box['y'] + toast_box['height']
	assert not (overlaps_x and overlaps_y)
