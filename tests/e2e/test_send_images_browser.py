"""Images travel as A1111 users expect: from History or the result pane into Image to image, and an image run sent
back to Generate comes back in its mode with the picture (and mask) it started from."""

import re
from pathlib import Path

from gradio_client import Client, handle_file
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 2}


def _open_first_history_image(page: Page, running_app: RunningApp, prompt: str) -> None:
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	page.locator('#history-gallery img').first.click(timeout=TIMEOUT_MS)
	expect(page.locator('#history-prompt textarea')).to_have_value(prompt, timeout=TIMEOUT_MS)


def _in_image_to_image(page: Page) -> None:
	expect(page.get_by_role('tab', name='Generate')).to_have_attribute('aria-selected', re.compile('true'))
	expect(page.get_by_role('tab', name='Image to image')).to_have_attribute('aria-selected', re.compile('true'))
	expect(page.locator('#generate-img2img')).to_be_visible()
	expect(page.locator('#generate')).to_be_hidden()
	expect(page.locator('#init-image img')).to_be_visible(timeout=TIMEOUT_MS)


def test_history_sends_an_image_to_image_to_image_and_it_runs(
	page: Page, running_app: RunningApp, client: Client
) -> None:
	client.predict(prompt='a white swan', seed=3, api_name='/generate', **SMALL)
	_open_first_history_image(page, running_app, 'a white swan')
	page.locator('#history-send-img2img').click()
	_in_image_to_image(page)
	expect(page.locator('#prompt textarea')).to_have_value('a white swan')
	page.locator('#generate-img2img').click()
	expect(page.locator('#progress')).to_contain_text('Done: 1 image', timeout=TIMEOUT_MS)
	expect(page.locator('#infotext textarea')).to_have_value(re.compile('Denoising strength: 0.75'))


def test_an_inpaint_run_comes_back_in_image_to_image_with_its_picture_and_mask(
	page: Page, running_app: RunningApp, client: Client, tmp_path: Path
) -> None:
	picture, mask = tmp_path / 'start.png', tmp_path / 'mask.png'
	Image.new('RGB', (64, 64), (10, 200, 90)).save(picture)
	Image.new('L', (64, 64), 255).save(mask)
	client.predict(
		image=handle_file(picture),
		mask=handle_file(mask),
		mask_blur=7,
		prompt='a green field',
		api_name='/img2img',
		**SMALL,
	)
	_open_first_history_image(page, running_app, 'a green field')
	page.locator('#history-send').click()
	_in_image_to_image(page)
	expect(page.locator('#mask-upload img')).to_be_visible()
	expect(page.get_by_label('number input for Mask blur', exact=True)).to_have_value('7')


def _send_from_the_result_pane(page: Page, running_app: RunningApp, button: str, prompt: str) -> None:
	"""`button` refuses while there is no result, then sends the image a run in the page made."""
	open_generate(page, running_app)
	page.locator(button).click()
	expect(page.get_by_text('Nothing to send yet')).to_be_visible(timeout=TIMEOUT_MS)
	page.locator('#prompt textarea').fill(prompt)
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text('Done: 1 image', timeout=TIMEOUT_MS)
	page.locator(button).click()


def test_the_result_pane_sends_its_image_to_image_to_image(page: Page, running_app: RunningApp) -> None:
	_send_from_the_result_pane(page, running_app, '#send-to-img2img', 'a small house')
	_in_image_to_image(page)


def _in_upscale(page: Page) -> None:
	expect(page.get_by_role('tab', name='Upscale', exact=True)).to_have_attribute('aria-selected', re.compile('true'))
	expect(page.locator('#upscale-source img')).to_be_visible(timeout=TIMEOUT_MS)


def test_the_result_pane_and_history_send_their_image_to_upscale(
	page: Page, running_app: RunningApp, client: Client
) -> None:
	_send_from_the_result_pane(page, running_app, '#send-to-upscale', 'a tall tower')
	_in_upscale(page)
	page.locator('#upscale-run').click()
	infotext = page.locator('#upscale-infotext textarea')
	expect(infotext).to_have_value(
		re.compile('^Postprocess upscale by: 2, Postprocess upscaler: Lanczos'), timeout=TIMEOUT_MS
	)
	expect(page.locator('#upscale-result img')).to_be_visible()
	client.predict(prompt='a red kite', seed=5, api_name='/generate', **SMALL)
	_open_first_history_image(page, running_app, 'a red kite')
	page.locator('#history-send-upscale').click()
	_in_upscale(page)
