"""A person in the Settings tab: defaults saved there are what Generate starts with after a reload and what the next
run uses (its infotext says so, no restart), a bad file name pattern is named and nothing changes, the flag given
at start wins and the page says so, System shows this machine, and the tab fits a tablet."""

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import TABLET, PageProblems, sideways_overflow
from tests.e2e.conftest import RunningApp

TIMEOUT_MS = 60_000


def number_box(page: Page, elem_id: str) -> Locator:
	"""A slider's number box, found inside its own component (Generate has sliders with the same labels)."""
	return page.locator(f'#{elem_id} input[type=number]')


def set_number(page: Page, elem_id: str, value: int) -> None:
	box = number_box(page, elem_id)
	box.fill(str(value))
	box.press('Enter')


def choose(page: Page, elem_id: str, option: str) -> None:
	page.locator(f'#{elem_id} input').click()
	page.locator(f'#{elem_id}').get_by_role('option', name=option, exact=True).click()


def open_settings(page: Page, app: RunningApp) -> None:
	page.goto(app.url)
	page.get_by_role('tab', name='Settings', exact=True).click()
	expect(page.locator('#settings-system-facts')).to_contain_text('Device in use', timeout=TIMEOUT_MS)


def test_saved_defaults_reach_generate_and_its_next_run(
	page: Page, page_problems: PageProblems, running_app: RunningApp
) -> None:
	open_settings(page, running_app)
	choose(page, 'settings-sampler', 'Euler a')
	set_number(page, 'settings-steps', 3)
	set_number(page, 'settings-width', 64)
	set_number(page, 'settings-height', 64)
	page.locator('#settings-negative-prompt textarea').fill('lowres, blurry')
	page.locator('#settings-generation-save').click()
	expect(page.locator('#settings-generation-status')).to_contain_text('Saved.', timeout=TIMEOUT_MS)
	stored = running_app.context.app_settings.store.stored().generation
	assert (stored.sampler, stored.steps, stored.width, stored.negative_prompt) == ('Euler a', 3, 64, 'lowres, blurry')
	page_problems.reload(page)
	expect(page.locator('#sampler input')).to_have_value('Euler a', timeout=TIMEOUT_MS)
	expect(number_box(page, 'steps')).to_have_value('3')
	expect(number_box(page, 'width')).to_have_value('64')
	expect(page.locator('#negative-prompt textarea')).to_have_value('lowres, blurry')
	page.locator('#prompt textarea').fill('a lighthouse')
	page.locator('#generate').click()
	expect(page.locator('#progress')).to_contain_text('Done: 1 image', timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(
		re.compile(r'^a lighthouse\nNegative prompt: lowres, blurry\nSteps: 3, Sampler: Euler a')
	)
	expect(infotext).to_have_value(re.compile(r'Size: 64x64'))


def test_a_bad_pattern_is_named_and_the_flag_that_wins_is_shown(page: Page, running_app: RunningApp) -> None:
	open_settings(page, running_app)
	pattern = page.locator('#settings-pattern textarea, #settings-pattern input').first
	pattern.fill('../[seed]')
	expect(page.locator('#settings-example')).to_contain_text("file name pattern '../[seed]'", timeout=TIMEOUT_MS)
	page.locator('#settings-saving-save').click()
	status = page.locator('#settings-saving-status')
	expect(status).to_contain_text("Not saved: file name pattern '../[seed]'", timeout=TIMEOUT_MS)
	assert running_app.context.app_settings.store.stored().saving.file_name_pattern == '[seed]'
	pattern.fill('[date] [prompt_spaces]')
	expect(page.locator('#settings-example')).to_contain_text('2026-11-30 a lighthouse at dusk, oil painting')
	page.locator('#settings-saving-save').click()
	expect(status).to_contain_text('Saved.', timeout=TIMEOUT_MS)
	assert running_app.context.app_settings.store.stored().saving.file_name_pattern == '[date] [prompt_spaces]'
	note = page.locator('#settings-device-note')
	expect(note).to_contain_text('--device cpu')  # the test app starts with --device cpu
	expect(note).to_contain_text('wins over the stored value')
	expect(note).to_contain_text('In use now: cpu')
	facts = page.locator('#settings-system-facts')
	for text in ('cpu (float32)', 'torch', 'diffusers', 'transformers', 'gradio', 'Free disk (outputs)'):
		expect(facts).to_contain_text(text)
	expect(facts).to_contain_text('Models that suit this machine')
	page.locator('#settings-system-refresh').click()
	expect(facts).to_contain_text('Free disk (data)')


def test_the_tab_fits_a_tablet_and_reset_brings_back_the_defaults(page: Page, running_app: RunningApp) -> None:
	page.set_viewport_size(TABLET)
	running_app.context.app_settings.store.save({'steps': 42, 'output_format': 'WEBP'})
	open_settings(page, running_app)
	expect(number_box(page, 'settings-steps')).to_have_value('42', timeout=TIMEOUT_MS)
	assert sideways_overflow(page) == 0
	for section in ('generation', 'preview', 'saving', 'device'):
		save, reset = page.locator(f'#settings-{section}-save'), page.locator(f'#settings-{section}-reset')
		expect(save).to_be_visible()
		expect(reset).to_be_visible()
		save_box, reset_box = save.bounding_box(), reset.bounding_box()
		assert save_box is not None and reset_box is not None and save_box['x'] + save_box['width'] <= TABLET['width']
	page.locator('#settings-generation-reset').click()
	expect(number_box(page, 'settings-steps')).to_have_value('20', timeout=TIMEOUT_MS)
	expect(page.locator('#settings-generation-status')).to_contain_text('Reset to defaults.')
	stored = running_app.context.app_settings.store.stored()
	assert (stored.generation.steps, stored.saving.output_format) == (20, 'WEBP')
