"""Issue 13 items 2-4 on the real app: the default mode refuses foreign Host names (DNS rebinding), LAN mode gives
no credentials to foreign origins, and password guessing is throttled by client address."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import RunningApp, start_app, stop_app
from tests.reliability.apps import lan_settings, own_settings
from tests.reliability.lan_probes import (
	FOREIGN_HOSTS,
	FOREIGN_ORIGINS,
	GUESSES,
	foreign_hosts,
	foreign_origins,
	host_requests,
	own_origin_login,
	password_guessing,
)
from tests.server.echo_app import port_of


@pytest.fixture(scope='module')
def default_app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	app = start_app(own_settings(tmp_path_factory.mktemp('default'), tiny_models_dir))
	yield app
	stop_app(app)


@pytest.fixture(scope='module')
def lan_app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	app = start_app(lan_settings(tmp_path_factory.mktemp('lan'), tiny_models_dir))
	yield app
	stop_app(app)


def test_default_mode_refuses_every_foreign_host_on_every_route(default_app: RunningApp) -> None:
	refusals = foreign_hosts(default_app.server)
	assert refusals.tried == len(FOREIGN_HOSTS) * 4 and refusals.leaks == ()
	refused = host_requests(default_app.url, f'attacker.example:{port_of(default_app.server)}')[2]
	assert '--allowed-host attacker.example' in refused.text
	for host in (f'127.0.0.1:{port_of(default_app.server)}', 'localhost', f'[::1]:{port_of(default_app.server)}'):
		config, info, delete, _ = host_requests(default_app.url, host)
		assert (config.status_code, info.status_code) == (200, 200), host
		assert 'event_id' in delete.json(), 'the same delete call with a loopback Host reaches the app'


def test_a_name_the_user_added_is_accepted(tmp_path: Path, tiny_models_dir: Path) -> None:
	app = start_app(own_settings(tmp_path, tiny_models_dir, '--allowed-host', 'studio.lan'))
	try:
		config = httpx.get(f'{app.url}config', headers={'Host': f'studio.lan:{port_of(app.server)}'})
		other = httpx.get(f'{app.url}config', headers={'Host': 'attacker.example'})
	finally:
		stop_app(app)
	assert (config.status_code, other.status_code) == (200, 400)


def test_lan_mode_gives_no_credentials_to_foreign_origins(lan_app: RunningApp) -> None:
	refusals = foreign_origins(lan_app.server)
	assert refusals.tried == len(FOREIGN_ORIGINS) * 4 and refusals.leaks == ()
	own = own_origin_login(lan_app.server)
	assert own.status_code == 200 and own.json() == {'success': True}


def test_password_guessing_is_throttled_per_client(lan_app: RunningApp) -> None:
	figures = password_guessing(lan_app.server)
	assert figures.guesses == GUESSES and figures.checked <= 5
	assert figures.retry_after.isdigit() and int(figures.retry_after) >= 1
	assert figures.same_client_right == 429, 'a locked-out address waits, even with the right password'
	assert figures.other_client_right == 200, 'another client still logs in'
	assert any('Login locked for 127.0.0.5' in line for line in figures.logged), figures.logged
