"""A tiny real Gradio app served through localai_ui.server, and the HTTP helpers the server tests share."""

from collections.abc import Generator
from contextlib import contextmanager

import gradio as gr
import httpx

from localai_ui.server import LoginAttempts, RunningServer, ServeOptions, serve

LAN_ADDRESS = '192.168.1.50'
USER, PASSWORD = 'ada', 'lovelace'
CORS_GRANTS = ('access-control-allow-origin', 'access-control-allow-credentials')


class FakeClock:
	"""A clock the test moves by hand, so lockout windows pass without sleeping."""

	def __init__(self) -> None:
		self.now = 1000.0

	def __call__(self) -> float:
		return self.now


def shout(text: str) -> str:
	return f'{text.upper()}!'


def build_echo_demo() -> gr.Blocks:
	with gr.Blocks(title='echo', analytics_enabled=False) as demo:
		box = gr.Textbox(label='text')
		out = gr.Textbox(label='out')
		box.submit(shout, box, out, api_name='shout')
	return demo


@contextmanager
def served(options: ServeOptions, attempts: LoginAttempts | None = None) -> Generator[RunningServer]:
	"""The echo demo served on a free loopback port with `options` (port 0 picks it), closed afterwards."""
	running = serve(build_echo_demo(), options, attempts=attempts)
	try:
		yield running
	finally:
		running.close()


def port_of(running: RunningServer) -> int:
	return int(running.url.rstrip('/').rsplit(':', 1)[1])


def lan_host(running: RunningServer) -> str:
	"""The Host header a LAN device sends when it opens the app by this machine's address."""
	return f'{LAN_ADDRESS}:{port_of(running)}'


def queue_join(running: RunningServer, headers: dict[str, str]) -> httpx.Response:
	"""What a page sends to run `shout`: a POST to the queue."""
	body = {'data': ['hi'], 'fn_index': 0, 'session_hash': 'test-session', 'event_data': None, 'trigger_id': None}
	return httpx.post(f'{running.url}gradio_api/queue/join', json=body, headers=headers)


def login(
	running: RunningServer, password: str, *, source: str = '127.0.0.1', origin: str | None = None
) -> httpx.Response:
	"""POST /login from the loopback address `source` (127.0.0.x all reach a server bound to 127.0.0.1)."""
	headers = {} if origin is None else {'Origin': origin}
	with httpx.Client(transport=httpx.HTTPTransport(local_address=source)) as client:
		return client.post(f'{running.url}login', data={'username': USER, 'password': password}, headers=headers)


def cors_grants(response: httpx.Response) -> dict[str, str]:
	return {name: response.headers[name] for name in CORS_GRANTS if name in response.headers}
