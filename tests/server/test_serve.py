"""serve(): the Gradio app on our own server keeps every launch option, takes extra routes and stops cleanly."""

import _thread
import threading
import time
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from gradio_client import Client

from localai_ui.server import (
	PortInUseError,
	RunningServer,
	ServeOptions,
	ServeOptionsError,
	ServerStartError,
	build_server_app,
	serve,
	serve_blocking,
	start,
)
from localai_ui.server.serve import local_url
from tests.server.echo_app import PASSWORD, USER, build_echo_demo, port_of, served


def test_gradio_client_calls_the_function(default_server: RunningServer) -> None:
	client = Client(default_server.url, analytics_enabled=False, verbose=False)
	assert client.predict('hello', api_name='/shout') == 'HELLO!'


def test_gradio_client_logs_in_and_calls_in_lan_mode(lan_server: RunningServer) -> None:
	with pytest.raises(ValueError):
		Client(lan_server.url, analytics_enabled=False, verbose=False)
	client = Client(lan_server.url, auth=(USER, PASSWORD), analytics_enabled=False, verbose=False)
	assert client.predict('lan', api_name='/shout') == 'LAN!'


def test_the_launch_options_app_py_used_still_apply(tmp_path: Path) -> None:
	shared = tmp_path / 'outputs'
	shared.mkdir()
	(shared / 'image.txt').write_text('pixels')
	options = ServeOptions(
		port=0, quiet=True, allowed_paths=(shared,), max_file_size='1kb', css='.x {}', head='<meta name="lai">'
	)
	with served(options) as running:
		config = httpx.get(f'{running.url}config').json()
		assert config['footer_links'] == ['api', 'settings'] and config['css'] == '.x {}'
		assert config['head'] == '<meta name="lai">' and config['max_file_size'] == 1024
		assert config['pwa'] is False and config['analytics_enabled'] is False
		assert httpx.get(f'{running.url}monitoring').status_code == 403
		assert httpx.get(f'{running.url}gradio_api/file={shared / "image.txt"}').text == 'pixels'
		assert httpx.get(f'{running.url}gradio_api/file=/etc/passwd').status_code == 403
		upload = httpx.post(f'{running.url}gradio_api/upload', files={'files': ('big.bin', b'x' * 5000)})
		assert upload.status_code == 413


def ping() -> dict[str, str]:
	return {'pong': 'yes'}


def test_routes_added_before_start_sit_beside_gradio() -> None:
	options = ServeOptions(port=0, quiet=True)
	app = build_server_app(build_echo_demo(), options)

	app.add_api_route('/sdapi/v1/ping', ping)
	running = start(app, options)
	try:
		assert running.app is app
		assert httpx.get(f'{running.url}sdapi/v1/ping').json() == {'pong': 'yes'}
		assert httpx.get(f'{running.url}gradio_api/info').status_code == 200
		assert httpx.get(f'{running.url}sdapi/v1/ping', headers={'Host': 'attacker.example'}).status_code == 400
	finally:
		running.close()


def test_a_taken_port_is_a_clear_error(default_server: RunningServer) -> None:
	port = port_of(default_server)
	with pytest.raises(PortInUseError, match=f'port {port} on 127.0.0.1 is in use'):
		start(FastAPI(), ServeOptions(port=port, quiet=True))


@asynccontextmanager
async def broken_startup(app: FastAPI) -> AsyncGenerator[None]:
	raise RuntimeError('the engine failed to start')
	yield


def test_a_failed_startup_is_a_clear_error() -> None:
	with pytest.raises(ServerStartError, match='did not start'):
		start(FastAPI(lifespan=broken_startup), ServeOptions(port=0, quiet=True))


@pytest.mark.parametrize(
	('make', 'message'),
	[
		(lambda: ServeOptions(host='0.0.0.0'), 'needs LAN mode'),
		(lambda: ServeOptions(listen=True), 'needs --auth'),
		(lambda: ServeOptions(allowed_hosts=('bad/name',)), "--allowed-host 'bad/name'"),
		(lambda: ServeOptions(allowed_origins=('null',)), "--allowed-origin 'null'"),
		(lambda: ServeOptions(allowed_origins=('http://box:7860/path',)), 'like http://mybox:7860'),
	],
)
def test_unsafe_or_malformed_options_are_refused(make: Callable[[], ServeOptions], message: str) -> None:
	with pytest.raises(ServeOptionsError, match=message):
		make()


def test_local_url_opens_all_interface_binds_through_loopback() -> None:
	assert local_url('0.0.0.0', 80) == 'http://127.0.0.1:80/'
	assert local_url('::', 81) == 'http://[::1]:81/'
	assert local_url('127.0.0.1', 82) == 'http://127.0.0.1:82/'


def test_ctrl_c_stops_the_blocking_server(capsys: pytest.CaptureFixture[str]) -> None:
	with served(ServeOptions(port=0, quiet=True)) as probe:
		port = port_of(probe)
	url = f'http://127.0.0.1:{port}/'

	def press_ctrl_c_once_up() -> None:
		deadline = time.monotonic() + 20
		while time.monotonic() < deadline:
			try:
				if httpx.get(f'{url}config').status_code == 200:
					break
			except httpx.TransportError:
				pass
			time.sleep(0.05)
		time.sleep(0.5)
		_thread.interrupt_main()

	threading.Thread(target=press_ctrl_c_once_up, daemon=True).start()
	started = time.monotonic()
	serve_blocking(build_echo_demo(), ServeOptions(port=port))
	assert time.monotonic() - started < 15
	assert f'Running on local URL:  {url}' in capsys.readouterr().out
	with pytest.raises(httpx.ConnectError):
		httpx.get(f'{url}config')


def test_close_ends_an_open_browser_stream_at_once() -> None:
	demo = build_echo_demo()
	running = serve(demo, ServeOptions(port=0, quiet=True))
	opened = threading.Event()

	def hold_heartbeat() -> None:
		with httpx.stream('GET', f'{running.url}gradio_api/heartbeat/tab-1', timeout=30) as stream:
			opened.set()
			for _ in stream.iter_lines():
				pass

	holder = threading.Thread(target=hold_heartbeat, daemon=True)
	holder.start()
	assert opened.wait(10)
	started = time.monotonic()
	running.close()
	assert time.monotonic() - started < 1.5  # uvicorn alone waits 2 s for the stream, then cancels it
	holder.join(5)
	assert not holder.is_alive()  # the stream ended with the server
	again = serve(demo, ServeOptions(port=0, quiet=True))
	try:
		assert Client(again.url, analytics_enabled=False, verbose=False).predict('b', api_name='/shout') == 'B!'
	finally:
		again.close()
