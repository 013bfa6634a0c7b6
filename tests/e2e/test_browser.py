"""A person in a browser: type a prompt, generate, see the images and their parameters."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import RunningApp

TIMEOUT_MS = 60_000


def set_slider(page: Page, label: str, value: int) -> None:
	box = page.get_by_label(f'number input for {label}', exact=True)
	box.fill(str(value))
	box.press('Enter')


def open_generate(page: Page, app: RunningApp) -> None:
	page.goto(app.url)
	set_slider(page, 'Steps', 3)
	set_slider(page, 'Width', 64)
	set_slider(page, 'Height', 64)


def test_type_a_prompt_click_generate_and_see_the_images(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	set_slider(page, 'Batch size', 2)
	page.locator('#prompt textarea').fill('a red apple on a table')
	expect(page.locator('#prompt-tokens')).to_have_text('17/75')
	page.locator('#generate').click()
	expect(page.locator('#gallery img')).to_have_count(2, timeout=TIMEOUT_MS)
	expect(page.locator('#infotext textarea')).to_have_value(re.compile(r'^a red apple on a table\nSteps: 3'))
	expect(page.locator('#progress')).to_contain_text('Done: 2 images')


def test_ctrl_enter_generates_and_the_seed_can_be_reused(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	prompt = page.locator('#prompt textarea')
	prompt.fill('a blue boat')
	prompt.press('Control+Enter')
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(re.compile(r'Seed: \d+'))
	match = re.search(r'Seed: (\d+)', infotext.input_value())
	assert match is not None
	page.locator('#reuse-seed').click()
	expect(page.locator('#seed input')).to_have_value(match.group(1))
	page.locator('#random-seed').click()
	expect(page.locator('#seed input')).to_have_value('-1')
