"""Debian's Chromium driven by Playwright, never a downloaded browser."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path('/usr/bin/chromium')
FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
]


def require_chromium() -> None:
	"""Skip on a developer machine without Chromium; in CI (.ci/run installs it) its absence is a failure."""
	if CHROMIUM.exists():
		return
	if os.environ.get('CI'):
		pytest.fail(f'{CHROMIUM} is missing: .ci/run should have installed Debian chromium')
	pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')


@pytest.fixture(scope='module')
def browser() -> Iterator[Browser]:
	require_chromium()
	with sync_playwright() as playwright:
		launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
		yield launched
		launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
	opened = browser.new_page()
	yield opened
	opened.close()
