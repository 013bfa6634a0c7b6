"""Debian's Chromium driven by Playwright, never a downloaded browser.

Every page a test opens is watched: a console error, an uncaught page error or an HTTP response of 500 or more fails
the test that caused it, even when everything the test looked at seemed fine (a tab that answered 500 on each load
once passed 801 tests because no test opened it).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, ViewportSize

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
DESKTOP: ViewportSize = {'width': 1440, 'height': 900}
TABLET: ViewportSize = {'width': 800, 'height': 1100}


@dataclass
class PageProblems:
	"""What went wrong in the browser while a test ran."""

	console: list[str] = field(default_factory=list[str])
	errors: list[str] = field(default_factory=list[str])
	server: list[str] = field(default_factory=list[str])
	stopped: bool = False
	leaving: bool = False

	def reload(self, page: Page) -> None:
		"""Reload as a person presses F5: what the old document logs while it is torn down (its open event streams
		aborted) is not an app error; the new document is watched from the moment it commits, 5xx answers throughout."""
		self.leaving = True
		try:
			page.reload(wait_until='commit')
		finally:
			self.leaving = False
		page.wait_for_load_state('load')

	def stop(self) -> None:
		"""The test is over: what the page logs while the app shuts down is not the test's doing."""
		self.stopped = True

	def watch(self, page: Page) -> None:
		page.on('console', self._console)
		page.on('pageerror', lambda error: None if self.stopped else self.errors.append(str(error)))
		page.on('response', self._response)

	def _console(self, message: ConsoleMessage) -> None:
		if message.type == 'error' and not self.stopped and not self.leaving:
			url = message.location.get('url', '')  # a failed resource names itself only here
			self.console.append(f'{message.text} ({url})' if url and url not in message.text else message.text)

	def _response(self, response: Response) -> None:
		if response.status >= 500 and not self.stopped:
			self.server.append(f'HTTP {response.status} {response.request.method} {response.url}')

	def all(self) -> list[str]:
		return [*self.console, *self.errors, *self.server]


def require_chromium() -> None:
	"""Skip on a developer machine without Chromium; in CI (.ci/run installs it) its absence is a failure."""
	if CHROMIUM.exists():
		return
	if os.environ.get('CI'):
		pytest.fail(f'{CHROMIUM} is missing: .ci/run should have installed Debian chromium')
	pytest.skip(f'{CHROMIUM} is missing (apt-get install chromium)')


def sideways_overflow(page: Page) -> int:
	"""How many pixels the page scrolls sideways (0 when nothing sticks out of the viewport)."""
	return int(page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'))
