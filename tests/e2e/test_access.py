"""Who can reach the app: loopback by default, a password when asked, and a plain message when no model exists."""

from dataclasses import replace
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError
from playwright.sync_api import Page, expect

from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp, start_app, stop_app

TIMEOUT_MS = 60_000


def http_status(url: str) -> int:
	try:
		with urlopen(url, timeout=10) as response:
			return int(response.status)
	except HTTPError as error:
		return error.code


def test_binds_loopback_only_by_default(running_app: RunningApp) -> None:
	assert running_app.context.settings.host == '127.0.0.1'
	assert running_app.demo.server_name == '127.0.0.1'


def test_auth_guards_the_api_and_the_config(app_settings: Settings) -> None:
	app = start_app(replace(app_settings, auth=('ada', 'lovelace')))
	try:
		assert http_status(f'{app.url}config') == 401
		assert http_status(f'{app.url}gradio_api/info') == 401
		with pytest.raises(ValueError):
			Client(app.url, analytics_enabled=False, verbose=False)
		client = Client(app.url, auth=('ada', 'lovelace'), analytics_enabled=False, verbose=False)
		assert client.predict(prompt='x', width=64, height=64, steps=2, api_name='/generate') is not None
	finally:
		stop_app(app)


def test_without_a_model_the_app_starts_and_says_where_to_put_one(
	app_settings: Settings, tmp_path: Path, page: Page
) -> None:
	empty = tmp_path / 'empty-models'
	app = start_app(replace(app_settings, models_dir=empty))
	try:
		page.goto(app.url)
		notice = page.locator('#no-model-notice')
		expect(notice).to_contain_text('No model yet.', timeout=TIMEOUT_MS)
		expect(notice).to_contain_text(str(empty))
		expect(notice).to_contain_text('What suits this machine (no CUDA GPU)')
		client = Client(app.url, analytics_enabled=False, verbose=False)
		with pytest.raises(AppError, match='No model found'):
			client.predict(prompt='x', api_name='/generate')
	finally:
		stop_app(app)
