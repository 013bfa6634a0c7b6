"""The real app launched in-process on 127.0.0.1 through our own server, driven over HTTP."""

import socket
from collections.abc import Iterator
from dataclasses import dataclass, replace

import gradio as gr
import pytest
from gradio_client import Client
from playwright.sync_api import Browser, Page, sync_playwright

from localai_ui.app import build_app, serve_options
from localai_ui.context import AppContext
from localai_ui.schemas.progress import PreviewSettings
from localai_ui.server import RunningServer, serve
from localai_ui.settings import Settings
from tests.contexts import ready_context
from tests.e2e.browser import CHROMIUM, DESKTOP, FLAGS, PageProblems, require_chromium


@dataclass(frozen=True)
class RunningApp:
	url: str
	context: AppContext
	demo: gr.Blocks
	server: RunningServer


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(('127.0.0.1', 0))
		return int(probe.getsockname()[1])


def start_app(settings: Settings) -> RunningApp:
	context = ready_context(settings)
	demo = build_app(context)
	running = serve(demo, serve_options(settings, quiet=True))
	return RunningApp(running.url, context, demo, running)


def stop_app(app: RunningApp) -> None:
	app.server.close()
	app.context.close()


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
	"""Previews as often as steps come, so tiny models still show them."""
	return replace(settings, port=free_port(), preview=PreviewSettings(max_per_second=1000))


@pytest.fixture
def running_app(app_settings: Settings) -> Iterator[RunningApp]:
	app = start_app(app_settings)
	yield app
	stop_app(app)


@pytest.fixture
def client(running_app: RunningApp) -> Client:
	return Client(running_app.url, analytics_enabled=False, verbose=False)


@pytest.fixture(scope='module')
def browser() -> Iterator[Browser]:
	require_chromium()
	with sync_playwright() as playwright:
		launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
		yield launched
		launched.close()


@pytest.fixture
def page_problems() -> PageProblems:
	return PageProblems()


@pytest.fixture
def page(browser: Browser, page_problems: PageProblems) -> Iterator[Page]:
	"""A desktop-sized page (1440x900); the test fails if the page logged an error or got a 5xx answer."""
	opened = browser.new_page(viewport=DESKTOP)
	page_problems.watch(opened)
	yield opened
	opened.close()
	assert page_problems.all() == [], 'the page logged errors or got 5xx answers'


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
	"""Stop watching the browser when the test body ends (the app may shut down before the page closes)."""
	try:
		yield
	finally:
		problems = getattr(item, 'funcargs', {}).get('page_problems')
		if isinstance(problems, PageProblems):
			problems.stop()
