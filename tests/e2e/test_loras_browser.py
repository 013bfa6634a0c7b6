"""A person in a browser: pick a LoRA in Generate, search the LoRAs tab and insert another, generate with both."""

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import Page, expect

from localai_ui.schemas.progress import PreviewSettings
from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.e2e.test_browser import TIMEOUT_MS, set_slider
from tests.loras.conftest import lora_dir, loras_settings

__all__ = ['lora_dir', 'loras_settings']


@pytest.fixture
def loras_app(loras_settings: Settings) -> Iterator[RunningApp]:
	app = start_app(replace(loras_settings, port=free_port(), preview=PreviewSettings(max_per_second=1000)))
	yield app
	stop_app(app)


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
	search = page.locator('#loras-search textarea, #loras-search input').first
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
