"""A person in the Models tab's Hugging Face section (the app's HF_ENDPOINT is the loopback fake hub): nothing reaches
the hub when the page opens; a search lists repos, a click shows a repo's details, Download brings it into the
models table with its progress shown."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import RunningApp
from tests.e2e.test_hub_api import hub_app
from tests.hub.canned_repos import DIFFUSERS
from tests.hub.fake_hub import FakeHub

TIMEOUT_MS = 30_000
UNET_FP16 = 'unet/diffusion_pytorch_model.fp16.safetensors'


@pytest.fixture
def hub_and_app(tmp_path: Path) -> Iterator[tuple[RunningApp, FakeHub]]:
	with hub_app(tmp_path) as started:
		yield started


def test_search_open_details_download_and_see_it_listed(
	page: Page, hub_and_app: tuple[RunningApp, FakeHub], tmp_path: Path
) -> None:
	app, fake = hub_and_app
	page.goto(app.url)
	page.get_by_role('tab', name='Models', exact=True).click()
	page.locator('#models-hub').get_by_role('button', name='Hugging Face').click()
	page.locator('#models-hub-query textarea, #models-hub-query input').first.fill('tiny')
	assert fake.seen == [], 'opening the page and the section sends nothing to the hub'
	page.locator('#models-hub-search').click()
	results = page.locator('#models-hub-results')
	expect(results.get_by_role('gridcell', name=DIFFUSERS, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
	expect(results.get_by_role('gridcell', name='acme/a-text-model', exact=True)).to_have_count(0)
	results.get_by_role('gridcell', name=DIFFUSERS, exact=True).click()
	details = page.locator('#models-hub-details')
	expect(details).to_contain_text('creativeml-openrail-m', timeout=TIMEOUT_MS)
	expect(details).to_contain_text('A tiny Stable Diffusion pipeline made for tests')
	files = page.locator('#models-hub-files')
	expect(files.get_by_role('gridcell', name='unet/diffusion_pytorch_model.bin', exact=True)).to_be_visible()
	page.screenshot(path=str(tmp_path / 'models-hub.png'), full_page=False)
	fp16_row = files.locator('[role=row]').filter(has=page.get_by_role('gridcell', name=UNET_FP16, exact=True))
	expect(fp16_row).not_to_contain_text('yes')
	page.get_by_label('fp16 weights').check()
	expect(fp16_row).to_contain_text('yes', timeout=TIMEOUT_MS)
	page.locator('#models-hub-download').click()
	expect(page.locator('#models-hub-progress')).to_contain_text('tiny-diffusers: done', timeout=TIMEOUT_MS)
	table = page.locator('#models-table')
	expect(table.get_by_role('gridcell', name='tiny-diffusers', exact=True)).to_be_visible(timeout=TIMEOUT_MS)
	assert not [seen.path for seen in fake.seen if seen.path.endswith('.bin')], 'no pickle was fetched'
