"""A person in a browser: History's "Use as style preview", then the style's card in the Styles and Generate tabs."""

import os
import time
from pathlib import Path
from typing import cast

from playwright.sync_api import Locator, Page, expect

from localai_ui.context import PREVIEW_GRACE_S
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.styles import StyleText
from tests.e2e.conftest import RunningApp
from tests.e2e.test_browser import TIMEOUT_MS, open_generate
from tests.history.seeding import seed_run

STYLE = 'Harbour Blue'
CAPTION = f'{STYLE} · My styles'
# The seeded picture is 64 px and (0, 90, 160); the plain tile of a style without a preview is 96 px and grey.
CARD_PICTURE = """([gallery, caption]) => {
	const item = [...document.querySelectorAll(`#${gallery} button.thumbnail-item`)]
		.find(button => button.textContent.includes(caption));
	const img = item && item.querySelector('img');
	if (!img || !img.complete || img.naturalWidth === 0) return null;
	const canvas = document.createElement('canvas');
	canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
	const context = canvas.getContext('2d');
	context.drawImage(img, 0, 0);
	const [r, g, b] = context.getImageData(img.naturalWidth >> 1, img.naturalHeight >> 1, 1, 1).data;
	return [img.naturalWidth, r, g, b];
}"""
PICTURE_64PX = f'(args) => {{ const found = ({CARD_PICTURE})(args); return found && found[0] === 64 ? found : null; }}'


def card(gallery: Locator, caption: str) -> Locator:
	return gallery.locator('button.thumbnail-item').filter(has_text=caption)


def card_picture(page: Page, gallery: str, caption: str, *, wait_64px: bool) -> list[int]:
	"""Width and centre colour of the card's loaded picture; with `wait_64px`, wait until it is a 64 px picture (the
	seeded image or a 64 px run) rather than the 96 px plain tile."""
	handle = page.wait_for_function(
		PICTURE_64PX if wait_64px else CARD_PICTURE, arg=[gallery, caption], timeout=TIMEOUT_MS
	)
	found: object = handle.json_value()
	assert isinstance(found, list)
	return [int(str(value)) for value in cast(list[object], found)]


def expect_seeded_picture(page: Page, gallery: str) -> None:
	width, red, green, blue = card_picture(page, gallery, CAPTION, wait_64px=True)
	assert width == 64 and red < 30 and 70 < green < 110 and 140 < blue < 180


def test_history_image_becomes_the_style_card(page: Page, running_app: RunningApp) -> None:
	context = running_app.context
	context.styles.save_style(StyleText(STYLE, 'harbour blue {prompt}', '', ''))
	seed_run(context.database, context.settings.outputs_dir, GenerationRequest(prompt='a blue boat'))
	page.goto(running_app.url)
	page.get_by_role('tab', name='History').click()
	page.locator('#history-gallery img').first.click()
	expect(page.locator('#history-prompt textarea')).to_have_value('a blue boat', timeout=TIMEOUT_MS)
	page.get_by_text('Use as style preview', exact=True).first.click()
	page.locator('#history-style-name input').fill(STYLE)
	page.get_by_role('option', name=STYLE, exact=True).click()
	page.locator('#history-style-preview').click()
	expect(page.locator('#history-style-note')).to_contain_text('shows this image in the Styles tab now')
	[stored] = context.styles.previews.files().values()
	assert stored.parent == context.settings.data_dir / 'style_previews'

	page.get_by_role('tab', name='Styles').click()
	expect_seeded_picture(page, 'styles-cards')
	width, *grey = card_picture(page, 'styles-cards', '3D Render · 3D', wait_64px=False)
	assert width == 96 and all(abs(value - 130) < 10 for value in grey)  # no preview: the plain grey tile, loaded
	shot = os.environ.get('STYLE_PREVIEWS_SCREENSHOT')
	if shot:
		page.screenshot(path=str(Path(shot)))
	card(page.locator('#styles-cards'), CAPTION).click()
	expect(page.locator('#style-name textarea, #style-name input').first).to_have_value(STYLE, timeout=TIMEOUT_MS)

	page.get_by_role('tab', name='Generate').click()
	page.get_by_text('Style cards', exact=True).click()
	expect_seeded_picture(page, 'style-cards')
	if shot:
		page.screenshot(path=str(Path(shot).with_name('generate-style-cards.png')))
	card(page.locator('#style-cards'), CAPTION).click()
	expect(page.locator('#styles')).to_contain_text(STYLE, timeout=TIMEOUT_MS)

	page.get_by_role('tab', name='Styles').click()
	page.locator('#style-delete').click()
	expect(card(page.locator('#styles-cards'), CAPTION)).to_have_count(0, timeout=TIMEOUT_MS)
	waited = time.monotonic() + 4 * PREVIEW_GRACE_S
	while stored.exists() and time.monotonic() < waited:
		time.sleep(0.2)
	assert not stored.exists()


def test_generate_previews_runs_the_chosen_style_with_generates_settings(page: Page, running_app: RunningApp) -> None:
	open_generate(page, running_app)
	page.get_by_role('tab', name='Styles').click()
	page.locator('#styles-preview-choice input').fill('Film Noir')
	page.get_by_role('option', name='Film Noir', exact=True).click()
	page.locator('#styles-preview-generate').click()
	expect(page.locator('#styles-preview-status')).to_contain_text('Previews set: Film Noir.', timeout=TIMEOUT_MS)
	width, *_ = card_picture(page, 'styles-cards', 'Film Noir · Cinematic', wait_64px=True)
	assert width == 64  # Generate's 64 px run, not the 96 px plain tile
	styles = running_app.context.styles
	assert styles.get('Film Noir').id in styles.previews.files()
