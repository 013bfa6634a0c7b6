"""Image to image, Inpaint and the hires fix in the browser, as an A1111 user works them: pick the mode's tab, give
it a picture (and paint a mask), press Generate or Ctrl+Enter, and read the run's settings under the result."""

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.browser import TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate

DONE = 'Done: 1 image'


@pytest.fixture
def picture(tmp_path: Path) -> Path:
	path = tmp_path / 'start.png'
	Image.new('RGB', (96, 64), (60, 120, 200)).save(path)
	return path


def test_image_to_image_runs_from_the_uploaded_picture_and_ctrl_enter_runs_it_again(
	page: Page, running_app: RunningApp, picture: Path
) -> None:
	open_generate(page, running_app)
	expect(page.locator('#image-settings').first).to_be_hidden()
	page.get_by_role('tab', name='Image to image').click()
	expect(page.locator('#generate')).to_be_hidden()
	expect(page.locator('#generate-img2img')).to_be_visible()
	expect(page.locator('#image-settings').first).to_be_visible()
	page.locator('#init-image input[type=file]').set_input_files(str(picture))
	page.locator('#prompt textarea').fill('a blue lake')
	page.locator('#generate-img2img').click()
	expect(page.locator('#progress')).to_contain_text(DONE, timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(re.compile(re.escape('a blue lake\nSteps: 3, Sampler: DPM++ 2M')))
	expect(infotext).to_have_value(re.compile(re.escape('Size: 64x64')))
	expect(infotext).to_have_value(re.compile(re.escape('Denoising strength: 0.75')))
	page.locator('#prompt textarea').fill('a green lake')
	page.locator('#prompt textarea').press('Control+Enter')
	expect(page.locator('#infotext textarea')).to_have_value(re.compile(re.escape('a green lake')), timeout=TIMEOUT_MS)
	expect(page.locator('#progress')).to_contain_text(DONE, timeout=TIMEOUT_MS)


def test_image_to_image_without_a_picture_says_what_is_missing(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	page.get_by_role('tab', name='Image to image').click()
	page.locator('#generate-img2img').click()
	expect(page.get_by_text('needs an image to start from')).to_be_visible(timeout=TIMEOUT_MS)


def _paint(page: Page) -> None:
	editor = page.locator('#inpaint-editor')
	editor.get_by_role('button', name='Brush').first.click()
	box = editor.locator('canvas').first.bounding_box()
	assert box is not None
	x, y = box['x'] + box['width'] / 2, box['y'] + box['height'] / 2
	page.mouse.move(x - 20, y)
	page.mouse.down()
	page.mouse.move(x + 20, y, steps=8)
	page.mouse.up()


def test_inpaint_redraws_the_painted_area_and_an_empty_mask_is_named(
	page: Page, running_app: RunningApp, picture: Path
) -> None:
	open_generate(page, running_app)
	page.get_by_role('tab', name='Inpaint').click()
	expect(page.locator('#generate-inpaint')).to_be_visible()
	expect(page.locator('#mask-blur')).to_be_visible()  # the inpainting choices open with the tab
	expect(page.locator('#inpaint-editor').get_by_role('button', name='Upload')).to_be_visible()
	page.wait_for_timeout(300)  # the editor sets its canvas up once its tab shows; a user is never this quick
	page.locator('#inpaint-editor input[type=file]').set_input_files(str(picture))
	expect(page.locator('#inpaint-editor canvas').first).to_be_visible()
	page.locator('#generate-inpaint').click()
	expect(page.get_by_text('the mask is empty')).to_be_visible(timeout=TIMEOUT_MS)
	_paint(page)
	page.locator('#prompt textarea').fill('a red boat')
	page.locator('#generate-inpaint').click()
	expect(page.locator('#progress')).to_contain_text(DONE, timeout=TIMEOUT_MS)
	expect(page.locator('#infotext textarea')).to_have_value(re.compile(re.escape('Mask blur: 4')))


def test_the_hires_fix_doubles_the_size_and_says_so(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	page.get_by_text('Hires fix', exact=True).first.click()
	page.locator('#enable-hires input').check()
	page.locator('#prompt textarea').fill('a tall tower')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text(DONE, timeout=TIMEOUT_MS)
	expect(page.locator('#infotext textarea')).to_have_value(
		re.compile(re.escape('Hires upscale: 2, Hires upscaler: Latent'))
	)
	image = running_app.context.settings.outputs_dir
	newest = max(image.glob('*/*.png'), key=lambda path: path.stat().st_mtime)
	with Image.open(newest) as saved:
		assert saved.size == (128, 128)


def test_the_modes_fit_a_tablet(page: Page, running_app: RunningApp) -> None:
	page.set_viewport_size(TABLET)
	page.goto(running_app.url)
	for mode in ('Image to image', 'Inpaint', 'Text to image'):
		page.get_by_role('tab', name=mode).click()
		assert sideways_overflow(page) == 0, mode
