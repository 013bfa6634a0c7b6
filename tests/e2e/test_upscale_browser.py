"""The Upscale tab in a browser, as an A1111 Extras user works it: upload a picture, pick a model upscaler from the
upscalers folder, press Upscale, see the result and its settings, then find it in History with its source. The hires
fix's Upscaler list offers the same model upscalers."""

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from localai_ui.settings import Settings
from tests.e2e.browser import DESKTOP, TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp
from tests.upscale.upscaler_folder import add_good_upscalers

TIMEOUT_MS = 60_000
SHOTS = Path('/tmp')


@pytest.fixture
def app_settings(app_settings: Settings) -> Settings:
	add_good_upscalers(app_settings.upscalers_dir)
	return app_settings


@pytest.fixture
def picture(tmp_path: Path) -> Path:
	path = tmp_path / 'harbour.png'
	Image.new('RGB', (48, 32), (30, 110, 170)).save(path)
	return path


def pick(page: Page, dropdown: str, option: str) -> None:
	page.locator(f'{dropdown} input').click()
	page.get_by_role('option', name=option, exact=True).click()


def test_upscale_a_picture_with_a_model_upscaler_and_find_it_in_history(
	page: Page, running_app: RunningApp, picture: Path
) -> None:
	page.goto(running_app.url)
	page.locator('#hires').get_by_text('Hires fix').first.click()
	pick(page, '#hires-upscaler', 'esrgan-x2')
	expect(page.locator('#hires-upscaler input')).to_have_value('esrgan-x2')
	page.get_by_role('tab', name='Upscale').click()
	expect(page.locator('#upscaler input')).to_have_value('compact-x2', timeout=TIMEOUT_MS)
	page.locator('#upscale-source input[type=file]').set_input_files(str(picture))
	expect(page.locator('#upscale-source img')).to_be_visible(timeout=TIMEOUT_MS)
	pick(page, '#upscaler', 'esrgan-x2')
	page.locator('#upscale-run').click()
	expect(page.locator('#upscale-result img')).to_be_visible(timeout=TIMEOUT_MS)
	infotext = page.locator('#upscale-infotext textarea')
	expect(infotext).to_have_value(re.compile(r'^Postprocess upscale by: 2, Postprocess upscaler: esrgan-x2, Version'))
	[saved] = running_app.context.settings.outputs_dir.glob('*/upscale-*.png')
	with Image.open(saved) as result:
		assert result.size == (96, 64)
	page.screenshot(path=str(SHOTS / 'upscale-1440.png'), full_page=True)
	assert sideways_overflow(page) == 0
	page.set_viewport_size(TABLET)
	expect(page.locator('#upscale-run')).to_be_visible()
	assert sideways_overflow(page) == 0
	page.screenshot(path=str(SHOTS / 'upscale-800.png'), full_page=True)
	page.set_viewport_size(DESKTOP)
	page.get_by_role('tab', name='History').click()
	expect(page.locator('#history-gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	page.locator('#history-gallery img').first.click()
	details = page.locator('#history-details')
	for shown in ('ModeUpscale', 'Upscaleresrgan-x2', 'Upscaleby 2', 'Size96x64', 'Sourceinputs/'):
		expect(details).to_contain_text(shown, timeout=TIMEOUT_MS)
	page.screenshot(path=str(SHOTS / 'upscale-history.png'), full_page=True)


def test_a_file_that_is_no_picture_is_named(page: Page, running_app: RunningApp, tmp_path: Path) -> None:
	text = tmp_path / 'notes.png'
	text.write_text('not a picture')
	page.goto(running_app.url)
	page.get_by_role('tab', name='Upscale').click()
	page.locator('#upscale-run').click()
	expect(page.get_by_text('Upscale needs a picture')).to_be_visible(timeout=TIMEOUT_MS)
	page.locator('#upscale-source input[type=file]').set_input_files(str(text))
	page.locator('#upscale-run').click()
	expect(page.get_by_text('not a picture this app can read').first).to_be_visible(timeout=TIMEOUT_MS)
