"""A person in a browser: pick two styles and generate; browse, duplicate and edit a style with a live preview."""

import re

from playwright.sync_api import Page, expect

from localai_ui.features.styles.service import StylesService
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate


def pick_style(page: Page, name: str) -> None:
	page.locator('#styles input').fill(name)
	page.get_by_role('option', name=name, exact=True).click()


def test_select_two_styles_and_generate(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	page.locator('#prompt textarea').fill('a red apple')
	pick_style(page, 'Film Noir')
	pick_style(page, 'Golden Hour')
	page.locator('#generate').click()
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(re.compile(r'^film noir scene of a red apple, .*, golden hour sunlight'))
	expect(infotext).to_have_value(re.compile(r'Styles: "Film Noir, Golden Hour"'))


def test_browse_duplicate_edit_and_preview(page: Page, running_app: RunningApp) -> None:
	page.goto(running_app.url)
	page.get_by_role('tab', name='Styles').click()
	page.locator('#styles-search input, #styles-search textarea').first.fill('noir')
	page.locator('#styles-table').get_by_text('Neon Noir', exact=True).click()
	expect(page.locator('#styles-notice')).to_contain_text('built-in style: read-only')
	expect(page.locator('#style-prompt textarea')).to_be_disabled()
	expect(page.locator('#style-final-prompt textarea')).to_have_value(
		re.compile(r'^a lighthouse on a cliff at dusk, neon noir film still')
	)
	page.locator('#style-duplicate').click()
	expect(page.locator('#style-name textarea, #style-name input').first).to_have_value('Neon Noir (copy)')
	prompt = page.locator('#style-prompt textarea')
	expect(prompt).to_be_enabled()
	prompt.fill('rainy {prompt}')
	expect(page.locator('#style-final-prompt textarea')).to_have_value('rainy a lighthouse on a cliff at dusk')
	page.locator('#style-save').click()
	expect(page.locator('#styles-status')).to_contain_text('Saved Neon Noir (copy)')
	saved = StylesService(database=running_app.context.database).get('Neon Noir (copy)')
	assert (saved.prompt, saved.builtin) == ('rainy {prompt}', False)
	page.get_by_role('tab', name='Generate').click()
	page.locator('#styles input').fill('Neon Noir (copy)')
	expect(page.get_by_role('option', name='Neon Noir (copy)', exact=True)).to_be_visible()


def test_create_then_delete_a_style(page: Page, running_app: RunningApp) -> None:
	page.goto(running_app.url)
	page.get_by_role('tab', name='Styles').click()
	page.locator('#style-new').click()
	expect(page.locator('#styles-notice')).to_contain_text('A new style')
	page.locator('#style-name textarea, #style-name input').first.fill('Sketchy')
	page.locator('#style-prompt textarea').fill('pencil sketch')
	expect(page.locator('#style-final-prompt textarea')).to_have_value('a lighthouse on a cliff at dusk, pencil sketch')
	page.locator('#style-save').click()
	expect(page.locator('#styles-status')).to_contain_text('Saved Sketchy')
	expect(page.locator('#styles-table')).to_contain_text('Sketchy')
	page.locator('#style-delete').click()
	expect(page.locator('#styles-status')).to_contain_text('Deleted Sketchy')
	expect(page.locator('#styles-table')).not_to_contain_text('Sketchy')
	assert 'Sketchy' not in StylesService(database=running_app.context.database).names()
