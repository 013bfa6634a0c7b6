"""A person in a browser: the LoRAs tab shows small cards on first load, search, insert a tag (once) and trigger words,
refusals leave the tab as it was; pick a LoRA in Generate, insert another from the LoRAs tab, generate with both."""

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from localai_ui.schemas.progress import PreviewSettings
from localai_ui.settings import Settings
from tests.e2e.browser import DESKTOP, TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.e2e.test_browser import TIMEOUT_MS, set_slider
from tests.e2e.test_models_browser import (
	ERROR_BADGES,
	expect_refused,
	open_tab,
	refused_input,
	text_field,
	unnamed_buttons,
)
from tests.loras.conftest import lora_dir, loras_settings

__all__ = ['lora_dir', 'loras_settings']
LORA_NAMES = ['sd1_kohya', 'sd1_kohya_b', 'sd1_ldm', 'sd1_peft', 'sdxl_kohya', 'sdxl_ldm', 'sdxl_peft']
CARDS = '#loras-gallery .thumbnail-item'
LARGEST_CARD_PX = 240


@pytest.fixture
def loras_app(loras_settings: Settings) -> Iterator[RunningApp]:
	app = start_app(replace(loras_settings, port=free_port(), preview=PreviewSettings(max_per_second=1000)))
	yield app
	stop_app(app)


def expect_small_cards_with_captions(page: Page) -> None:
	"""Every card is a small tile whose caption (the LoRA's name) shows whole, inside the tile."""
	expect(page.locator(CARDS)).to_have_count(len(LORA_NAMES), timeout=TIMEOUT_MS)
	expect(page.locator(f'{CARDS} .caption-label')).to_have_text(LORA_NAMES)
	for index in range(len(LORA_NAMES)):
		card = page.locator(CARDS).nth(index)
		tile, caption = card.bounding_box(), card.locator('.caption-label').bounding_box()
		assert tile is not None and caption is not None
		assert tile['width'] <= LARGEST_CARD_PX and tile['height'] <= LARGEST_CARD_PX, tile
		assert tile['x'] <= caption['x'] and caption['x'] + caption['width'] <= tile['x'] + tile['width'] + 1
		assert tile['y'] <= caption['y'] and caption['y'] + caption['height'] <= tile['y'] + tile['height'] + 1
		cut = card.locator('.caption-label').evaluate('label => label.scrollWidth - label.clientWidth')
		assert cut <= 0, f'the caption of card {index} is cut off'


def test_cards_show_on_first_load_and_inserting_twice_keeps_one_tag(page: Page, loras_app: RunningApp) -> None:
	page.goto(loras_app.url)
	open_tab(page, 'LoRAs')
	for viewport in (DESKTOP, TABLET):
		page.set_viewport_size(viewport)
		expect_small_cards_with_captions(page)
		assert sideways_overflow(page) == 0
	page.set_viewport_size(DESKTOP)
	search = text_field(page, 'loras-search')
	search.fill('kohya_b')
	search.press('Enter')
	expect(page.locator(CARDS)).to_have_count(1, timeout=TIMEOUT_MS)
	page.locator(CARDS).first.click()
	expect(page.locator('#loras-selected input')).to_have_value('sd1_kohya_b')
	weight = page.get_by_label('number input for Weight', exact=True)
	prompt = page.locator('#prompt textarea')
	for amount in ('0.5', '0.8'):
		open_tab(page, 'LoRAs')
		weight.fill(amount)
		weight.press('Enter')
		page.locator('#loras-insert').click()
		expect(prompt).to_have_value(f'<lora:sd1_kohya_b:{amount}>')
	open_tab(page, 'LoRAs')
	page.locator('#loras-insert-words').click()
	expect(prompt).to_have_value('<lora:sd1_kohya_b:0.8>, shiny, red apple, still life')
	expect(page.get_by_role('tab', name='Generate', exact=True)).to_have_attribute('aria-selected', 'true')


def test_refusals_keep_the_cards_and_an_upload_adds_one(
	page: Page, loras_app: RunningApp, lora_dir: Path, tmp_path: Path
) -> None:
	page.goto(loras_app.url)
	open_tab(page, 'LoRAs')
	expect(page.locator(CARDS)).to_have_count(len(LORA_NAMES), timeout=TIMEOUT_MS)
	page.locator(CARDS).nth(LORA_NAMES.index('sd1_peft')).click()
	expect(page.locator('#loras-details')).to_contain_text('sd1_peft')
	page.locator('#loras-insert-words').click()
	expect_refused(page, 'loras-message', 'sd1_peft has no trigger words')
	refused_input(page, 'loras', 'new-name', '../evil', 'rename', "'../evil': a name must be a plain file name")
	page.locator('#loras-delete').click()
	expect_refused(page, 'loras-message', 'sd1_peft: deleting removes the file from disk; confirm')
	page.get_by_text('Add LoRAs', exact=True).click()
	page.get_by_text('Training metadata', exact=True).click()
	assert unnamed_buttons(page) == []
	refused_input(page, 'loras', 'import-path', '../loras/sd1_kohya.safetensors', 'import', '".." is refused')
	expect(page.locator(CARDS)).to_have_count(len(LORA_NAMES))
	expect(page.locator('#loras-details')).to_contain_text('sd1_peft')
	expect(page.locator(ERROR_BADGES)).to_have_count(0)
	upload = tmp_path / 'glow.safetensors'
	shutil.copy(lora_dir / 'sd1_peft.safetensors', upload)
	page.locator('#loras-add input[type=file]').set_input_files(upload)
	expect(page.locator(CARDS)).to_have_count(len(LORA_NAMES) + 1, timeout=TIMEOUT_MS)
	expect(page.locator('#loras-message')).to_have_text('Added glow.')
	expect(page.locator('#loras-selected input')).to_have_value('glow')
	expect(page.get_by_role('tab', name='LoRAs', exact=True)).to_have_attribute('aria-selected', 'true')


def test_pick_in_generate_insert_from_the_loras_tab_and_generate(page: Page, loras_app: RunningApp) -> None:
	page.goto(loras_app.url)
	set_slider(page, 'Steps', 2)
	set_slider(page, 'Width', 64)
	set_slider(page, 'Height', 64)
	page.locator('#prompt textarea').fill('a red apple')
	page.locator('#extra-networks').get_by_text('Embeddings and LoRAs').click()
	page.locator('#lora-picker input').fill('sd1_kohya_b')
	page.get_by_role('option', name='sd1_kohya_b', exact=True).click()
	expect(page.locator('#prompt textarea')).to_have_value('a red apple <lora:sd1_kohya_b:1>')
	page.get_by_role('tab', name='LoRAs').click()
	search = text_field(page, 'loras-search')
	search.fill('ldm sd1')
	search.press('Enter')
	expect(page.locator('#loras-gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	expect(page.locator('#loras-details')).to_contain_text('sd1_ldm')
	expect(page.locator('#loras-details')).to_contain_text('shiny, red apple, still life')
	weight = page.get_by_label('number input for Weight', exact=True)
	weight.fill('0.8')
	weight.press('Enter')
	page.locator('#loras-insert').click()
	prompt = page.locator('#prompt textarea')
	expect(prompt).to_have_value('a red apple <lora:sd1_kohya_b:1> <lora:sd1_ldm:0.8>')
	page.locator('#generate').click()
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(re.compile(r'^a red apple <lora:sd1_kohya_b:1> <lora:sd1_ldm:0.8>\n'))
	expect(infotext).to_have_value(re.compile(r'Lora hashes: "sd1_kohya_b: [0-9a-f]{12}, sd1_ldm: [0-9a-f]{12}"'))
