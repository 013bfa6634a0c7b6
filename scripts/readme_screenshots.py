"""Screenshots of every tab of the real app for the README: `python -m scripts.readme_screenshots [OUT_DIR]`.

It serves the app on 127.0.0.1 with tiny random-weight models (their images are noise; the page is real), makes one
image so History and the result pane have something to show, then saves one PNG per tab at 1440x900 (and with
`--tablet`, at 800 px wide too) into docs/screenshots/.
"""

import socket
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from gradio_client import Client
from playwright.sync_api import Page, sync_playwright

from localai_ui.app import build_app, serve_options
from localai_ui.context import build_context
from localai_ui.server import serve
from localai_ui.settings import settings_for
from tests.e2e.browser import CHROMIUM, DESKTOP, FLAGS, TABLET
from tests.tiny_models import save_tiny_models

TABS = ('Generate', 'Upscale', 'Models', 'LoRAs', 'Styles', 'History', 'Settings')
DEFAULT_OUT = Path(__file__).resolve().parents[1] / 'docs' / 'screenshots'


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(('127.0.0.1', 0))
		return int(probe.getsockname()[1])


def shoot(page: Page, url: str, out: Path, suffix: str) -> list[Path]:
	saved: list[Path] = []
	page.goto(url)
	page.wait_for_selector('#generate')
	for tab in TABS:
		page.get_by_role('tab', name=tab, exact=True).click()
		page.wait_for_timeout(1200)
		show_something(page, tab)
		target = out / f'{tab.lower()}{suffix}.png'
		page.screenshot(path=str(target))
		saved.append(target)
	return saved


def show_something(page: Page, tab: str) -> None:
	"""A tab as a user sees it after using it: Generate with its result, History with an image selected."""
	if tab == 'Generate':
		page.locator('#prompt textarea').fill('a lighthouse on a cliff at dusk')
		page.locator('#generate').click()
		page.locator('#progress').get_by_text('Done').wait_for(timeout=120_000)
	elif tab == 'History':
		page.locator('#history-gallery img').first.click()
		page.wait_for_timeout(1500)


def main(argv: list[str]) -> int:
	tablet = '--tablet' in argv
	paths = [arg for arg in argv if not arg.startswith('--')]
	out = Path(paths[0]) if paths else DEFAULT_OUT
	out.mkdir(parents=True, exist_ok=True)
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		save_tiny_models(root / 'models')
		settings = settings_for(['--data-dir', str(root / 'data'), '--models-dir', str(root / 'models')])
		settings = replace(settings, port=free_port())
		context = build_context(settings)
		running = serve(build_app(context), serve_options(settings, quiet=True))
		try:
			client = Client(running.url, analytics_enabled=False, verbose=False)
			client.predict(prompt='a lighthouse on a cliff at dusk', seed=7, steps=8, api_name='/generate')
			with sync_playwright() as playwright:
				browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
				page = browser.new_page(viewport=DESKTOP)
				saved = shoot(page, running.url, out, '')
				if tablet:
					page.set_viewport_size(TABLET)
					saved += shoot(page, running.url, out, '-tablet')
				browser.close()
		finally:
			running.close()
			context.close()
	print('\n'.join(str(path) for path in saved))
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
