"""DNS rebinding: the server answers only to the names it is really reached by."""

import httpx
import pytest

from localai_ui.server import RunningServer
from localai_ui.server.host_guard import HostGuard, machine_names
from tests.server.asgi_calls import RecordingApp, body_of, call, http_scope, status_of, websocket_scope
from tests.server.echo_app import lan_host, port_of, queue_join

PATHS = ('/', '/config', '/gradio_api/info')


@pytest.mark.parametrize('name', ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST', 'studio.lan'])
def test_loopback_names_and_the_users_name_get_the_app(default_server: RunningServer, name: str) -> None:
	for host in (name, f'{name}:{port_of(default_server)}'):
		for path in PATHS:
			response = httpx.get(f'{default_server.url}{path[1:]}', headers={'Host': host})
			assert response.status_code == 200, (host, path, response.text)
	assert 'event_id' in queue_join(default_server, {'Host': 'localhost'}).json()


@pytest.mark.parametrize('host', ['attacker.example:7860', 'attacker.example', '192.168.1.50:7860', 'localhost.evil'])
def test_other_names_are_refused_everywhere_with_the_flag_that_allows_them(
	default_server: RunningServer, host: str
) -> None:
	for path in PATHS:
		response = httpx.get(f'{default_server.url}{path[1:]}', headers={'Host': host})
		assert response.status_code == 400
		assert f'Refused Host {host!r}' in response.text
		assert f'--allowed-host {host.split(":")[0]}' in response.text
		assert 'gradio' not in response.text.lower()
	refused = queue_join(default_server, {'Host': host})
	assert refused.status_code == 400 and 'event_id' not in refused.text


def test_lan_mode_accepts_addresses_and_this_machines_names(lan_server: RunningServer) -> None:
	port = port_of(lan_server)
	own = sorted(machine_names())
	for host in [lan_host(lan_server), '10.0.0.7', '[fe80::1]:80', 'localhost', *own, f'{own[0]}:{port}']:
		response = httpx.get(f'{lan_server.url}config', headers={'Host': host})
		assert response.status_code == 401, (host, response.text)  # reached Gradio, which wants the login
	response = httpx.get(f'{lan_server.url}config', headers={'Host': f'attacker.example:{port}'})
	assert response.status_code == 400 and 'IP addresses' in response.text


def test_machine_names_include_the_dot_local_form() -> None:
	names = machine_names()
	assert names and all(name == name.lower() for name in names)
	assert any(name.endswith('.local') for name in names)


@pytest.mark.parametrize(
	'headers', [{}, {'host': 'a b'}, {'host': '::1'}, {'host': 'localhost:http'}, {'host': '[::1'}]
)
def test_missing_or_malformed_host_never_reaches_the_app(headers: dict[str, str]) -> None:
	inner = RecordingApp()
	sent = call(HostGuard(inner, listen=True, allowed_hosts=()), http_scope(headers=headers))
	assert status_of(sent) == 400 and 'Host' in body_of(sent)
	assert inner.scopes == []


def test_websockets_to_a_foreign_host_are_refused() -> None:
	inner = RecordingApp()
	guard = HostGuard(inner, listen=False, allowed_hosts=())
	closed = call(guard, websocket_scope({'host': 'attacker.example'}))
	assert closed == [{'type': 'websocket.close', 'code': 1008}]
	answered = call(guard, websocket_scope({'host': 'attacker.example'}, http_answers=True))
	assert answered[0]['type'] == 'websocket.http.response.start' and answered[0]['status'] == 400
	assert b'--allowed-host attacker.example' in answered[1]['body']
	assert inner.scopes == []
	call(guard, websocket_scope({'host': 'localhost:1'}))
	assert len(inner.scopes) == 1


def test_lifespan_passes_through() -> None:
	inner = RecordingApp()
	call(HostGuard(inner, listen=False, allowed_hosts=()), {'type': 'lifespan'})
	assert inner.scopes == [{'type': 'lifespan'}]
