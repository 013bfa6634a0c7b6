"""A person in a browser: pick two styles and generate; browse, duplicate and edit a style with a live preview."""

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from localai_ui.features.styles.service import StylesService
from tests.e2e.browser import DESKTOP, TABLET, sideways_overflow
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate


def pick_style(page: Page, name: str) -> None:
	page.locator('#styles input').fill(name)
	page.get_by_role('option', name=name, exact=True).click()


WRAPPED_TEXT = """cells => cells.filter(cell => {
	const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const range = document.createRange();
		range.selectNodeContents(node);
		const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
		if (tops.size > 1) return true;
	}
	return false;
}).map(cell => cell.textContent.trim())"""


def cells_wrapped(table: Locator) -> list[str]:
	"""The th cells of a table whose text breaks over lines (narrow columns broke labels letter by letter)."""
	return table.locator('th').evaluate_all(WRAPPED_TEXT)


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


def test_import_a_styles_csv_then_apply_it_in_generate(page: Page, running_app: RunningApp, tmp_path: Path) -> None:
	csv_file = tmp_path / 'styles.csv'
	csv_file.write_text('name,prompt,negative_prompt\nInky,"ink drawing of {prompt}, crosshatching",photo\n')
	open_generate(page, running_app)
	page.get_by_role('tab', name='Styles').click()
	page.get_by_text('Import and export', exact=True).click()
	page.locator('#styles-upload input[type=file]').set_input_files(str(csv_file))
	page.locator('#styles-import').click()
	expect(page.locator('#styles-import-status')).to_contain_text('Imported 1 style: 1 added', timeout=TIMEOUT_MS)
	expect(page.locator('#styles-table')).to_contain_text('Inky')
	page.set_viewport_size(TABLET)
	assert sideways_overflow(page) == 0
	kind = page.locator('#styles-table').get_by_text('Kind', exact=True).bounding_box()
	table = page.locator('#styles-table').bounding_box()
	assert kind and table and kind['x'] + kind['width'] <= table['x'] + table['width']  # no column cut off
	assert cells_wrapped(page.locator('#styles-table')) == []
	page.set_viewport_size(DESKTOP)
	page.get_by_role('tab', name='Generate').click()
	page.locator('#prompt textarea').fill('a red apple')
	pick_style(page, 'Inky')
	page.locator('#generate').click()
	expect(page.locator('#gallery img')).to_have_count(1, timeout=TIMEOUT_MS)
	infotext = page.locator('#infotext textarea')
	expect(infotext).to_have_value(re.compile(r'^ink drawing of a red apple, crosshatching\nNegative prompt: photo\n'))
	expect(infotext).to_have_value(re.compile(r'Styles: Inky'))
