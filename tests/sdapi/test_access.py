"""Who reaches the API: nobody without --api; with --listen only with the app's login; with --api-auth only with
those logins; the same Host and Origin checks as the page; wrong passwords throttled like the page's."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from localai_ui.app import serve_options
from localai_ui.cli import startup_lines
from localai_ui.settings import settings_for
from tests.e2e.conftest import RunningApp, stop_app
from tests.reliability.apps import own_settings
from tests.sdapi.conftest import TINY, api_settings, start_api_app, webui

API_LOGIN = ('bot', 'secret')


@pytest.fixture(scope='module')
def lan_app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	"""LAN mode as --listen --api gives it (a generated login), bound to 127.0.0.1 so tests stay on this machine."""
	settings = api_settings(tmp_path_factory.mktemp('lan'), tiny_models_dir, '--listen')
	app = start_api_app(settings, replace(serve_options(settings, quiet=True), host='127.0.0.1'))
	yield app
	stop_app(app)


@pytest.fixture(scope='module')
def api_auth_app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	settings = api_settings(tmp_path_factory.mktemp('api-auth'), tiny_models_dir, '--api-auth', ':'.join(API_LOGIN))
	app = start_api_app(settings)
	yield app
	stop_app(app)


def test_without_the_api_flag_nothing_is_served(tmp_path: Path, tiny_models_dir: Path) -> None:
	app = start_api_app(own_settings(tmp_path, tiny_models_dir))
	try:
		for path in ('sdapi/v1/sd-models', 'sdapi/v1/options', 'docs', 'sdapi/openapi.json'):
			assert requests.get(f'{app.url}{path}', timeout=10).status_code == 404, path
		assert requests.post(f'{app.url}sdapi/v1/txt2img', json={}, timeout=10).status_code in (404, 405)
	finally:
		stop_app(app)


def test_lan_mode_refuses_a_script_without_the_login(lan_app: RunningApp) -> None:
	auth = lan_app.context.settings.auth
	assert auth is not None and lan_app.context.settings.auth_generated
	with pytest.raises(RuntimeError, match='401'):
		webui(lan_app).txt2img(prompt='no login', **TINY)
	answer = requests.get(f'{lan_app.url}sdapi/v1/options', timeout=10)
	assert answer.status_code == 401 and answer.headers['WWW-Authenticate'].startswith('Basic')
	assert requests.get(f'{lan_app.url}docs', timeout=10).status_code == 401
	user, password = auth
	result = webui(lan_app, username=user, password=password).txt2img(prompt='with the login', seed=1, **TINY)
	assert result.info['all_seeds'] == [1]
	assert requests.get(f'{lan_app.url}docs', auth=auth, timeout=10).status_code == 200


def test_lan_mode_keeps_the_host_and_origin_checks(lan_app: RunningApp) -> None:
	auth = lan_app.context.settings.auth
	url = f'{lan_app.url}sdapi/v1/sd-models'
	assert requests.get(url, auth=auth, timeout=10).status_code == 200
	assert requests.get(url, auth=auth, headers={'Host': 'evil.example'}, timeout=10).status_code == 400
	hostile = {'Origin': 'http://evil.example'}
	assert requests.post(f'{lan_app.url}sdapi/v1/interrupt', auth=auth, headers=hostile, timeout=10).status_code == 403


def test_api_auth_takes_only_its_own_logins(api_auth_app: RunningApp) -> None:
	with pytest.raises(RuntimeError, match='401'):
		webui(api_auth_app).txt2img(prompt='no login', **TINY)
	with pytest.raises(RuntimeError, match='Incorrect username or password'):
		webui(api_auth_app, username='bot', password='wrong').txt2img(prompt='bad login', **TINY)
	script = webui(api_auth_app, username=API_LOGIN[0], password=API_LOGIN[1])
	assert script.txt2img(prompt='good login', seed=2, **TINY).info['all_seeds'] == [2]
	assert [model['model_name'] for model in script.get_sd_models()] == ['tiny-sd15', 'tiny-sd15-other']


def test_the_docs_page_lists_the_routes(api_auth_app: RunningApp) -> None:
	schema = requests.get(f'{api_auth_app.url}sdapi/openapi.json', auth=API_LOGIN, timeout=10).json()
	assert {'/sdapi/v1/txt2img', '/sdapi/v1/img2img', '/sdapi/v1/options', '/sdapi/v1/progress'} <= set(schema['paths'])
	assert not [path for path in schema['paths'] if not path.startswith('/sdapi/v1/')], 'only the API, not Gradio'
	page = requests.get(f'{api_auth_app.url}docs', auth=API_LOGIN, timeout=10).text
	assert '<code>/sdapi/v1/txt2img</code>' in page and '<code>POST</code>' in page
	assert 'http' not in page.replace(api_auth_app.url, ''), 'the page loads nothing from elsewhere'


def test_wrong_passwords_are_throttled(api_auth_app: RunningApp) -> None:
	url = f'{api_auth_app.url}sdapi/v1/options'
	answers = [requests.get(url, auth=('bot', f'guess{n}'), timeout=10) for n in range(7)]
	assert [answer.status_code for answer in answers[:5]] == [401] * 5
	assert answers[-1].status_code == 429 and int(answers[-1].headers['Retry-After']) >= 1
	assert 'Too many failed logins' in answers[-1].text


def test_the_startup_lines_say_where_the_api_is(tmp_path: Path) -> None:
	settings = settings_for(['--data-dir', str(tmp_path), '--api', '--port', '7861'])
	assert "AUTOMATIC1111's API is on: http://127.0.0.1:7861/sdapi/v1 (docs at /docs)." in startup_lines(settings)
	assert not any('API' in line for line in startup_lines(settings_for(['--data-dir', str(tmp_path)])))
