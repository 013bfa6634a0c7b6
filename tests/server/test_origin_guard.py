"""Cross-site requests: only the app's own page (or a page the user listed) may use it with the visitor's login."""

import httpx
import pytest

from localai_ui.server import RunningServer
from localai_ui.server.origin_guard import OriginGuard
from localai_ui.server.site_address import parse_origin
from tests.server.asgi_calls import RecordingApp, call, headers_of, http_scope, status_of, websocket_scope
from tests.server.echo_app import PASSWORD, USER, cors_grants, lan_host, port_of, queue_join

FOREIGN = ['http://evil.example', 'null', 'http://192.168.1.50', 'https://192.168.1.50:{port}', 'file://']
PREFLIGHT = {'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type'}


def requests_with(running: RunningServer, origin: str) -> list[httpx.Response]:
	"""GET the config, POST the login form, and preflight a queue join, all from a page at `origin`."""
	headers = {'Host': lan_host(running), 'Origin': origin}
	form = {'username': USER, 'password': PASSWORD}
	return [
		httpx.get(f'{running.url}config', headers=headers),
		httpx.post(f'{running.url}login', data=form, headers=headers),
		httpx.options(f'{running.url}gradio_api/queue/join', headers=headers | PREFLIGHT),
	]


@pytest.mark.parametrize('origin', FOREIGN)
def test_foreign_pages_are_refused_for_every_method(lan_server: RunningServer, origin: str) -> None:
	origin = origin.format(port=port_of(lan_server))
	for response in requests_with(lan_server, origin):
		assert response.status_code == 403, (response.request.method, response.text)
		assert cors_grants(response) == {}
		assert f'--allowed-origin {origin}' in response.text
		assert 'success' not in response.text and 'set-cookie' not in response.headers


def test_the_apps_own_page_keeps_working(lan_server: RunningServer) -> None:
	own = f'http://{lan_host(lan_server)}'
	config, logged_in, _ = requests_with(lan_server, own)
	assert config.status_code == 401  # Gradio's own answer: log in first
	assert logged_in.status_code == 200 and logged_in.json() == {'success': True}
	assert 'access-token' in logged_in.headers['set-cookie']
	assert cors_grants(logged_in) in (
		{},
		{'access-control-allow-origin': own, 'access-control-allow-credentials': 'true'},
	)


def test_a_listed_origin_gets_the_app_and_a_preflight_grant(lan_server: RunningServer) -> None:
	config, logged_in, preflight = requests_with(lan_server, 'http://tablet.lan:8080')
	assert config.status_code == 401 and logged_in.json() == {'success': True}
	assert preflight.status_code == 204
	for response in (config, logged_in, preflight):
		assert cors_grants(response) == {
			'access-control-allow-origin': 'http://tablet.lan:8080',
			'access-control-allow-credentials': 'true',
		}
	assert preflight.headers['access-control-allow-headers'] == 'content-type'
	assert 'POST' in preflight.headers['access-control-allow-methods']


def test_default_mode_page_posts_to_its_own_server(default_server: RunningServer) -> None:
	for host in (f'127.0.0.1:{port_of(default_server)}', f'localhost:{port_of(default_server)}'):
		joined = queue_join(default_server, {'Host': host, 'Origin': f'http://{host}'})
		assert joined.status_code == 200 and 'event_id' in joined.json()
	other_port = queue_join(default_server, {'Origin': 'http://127.0.0.1:1'})
	assert other_port.status_code == 403 and 'event_id' not in other_port.text


def test_grants_the_app_adds_for_anyone_else_are_stripped() -> None:
	generous = {'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', 'x-kept': 'yes'}
	guard = OriginGuard(RecordingApp(headers=generous), allowed_origins=[])
	no_origin = headers_of(call(guard, http_scope(headers={'host': 'localhost'})))
	same_origin = headers_of(call(guard, http_scope(headers={'host': 'localhost', 'origin': 'http://localhost'})))
	for headers in (no_origin, same_origin):
		assert 'access-control-allow-origin' not in headers and 'access-control-allow-credentials' not in headers
		assert headers['x-kept'] == 'yes'


def test_websockets_from_foreign_pages_are_refused() -> None:
	inner = RecordingApp()
	guard = OriginGuard(inner, allowed_origins=[parse_origin('http://tablet.lan:8080')])
	refused = call(guard, websocket_scope({'host': 'localhost:7860', 'origin': 'http://evil.example'}))
	assert refused == [{'type': 'websocket.close', 'code': 1008}] and inner.scopes == []
	for origin in ('http://localhost:7860', 'http://tablet.lan:8080'):
		call(guard, websocket_scope({'host': 'localhost:7860', 'origin': origin}))
	assert len(inner.scopes) == 2
	assert status_of(call(guard, http_scope(headers={'host': 'localhost', 'origin': 'http://x:99999'}))) == 403
