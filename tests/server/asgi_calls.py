"""Drive a pure ASGI middleware directly: a scope in, the messages it sent out."""

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RecordingApp:
	"""The app behind a middleware: answers `status` with `headers`, and remembers each scope it was called with."""

	def __init__(self, status: int = 200, headers: dict[str, str] | None = None) -> None:
		self.status = status
		self.headers = headers or {}
		self.scopes: list[Scope] = []

	async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
		self.scopes.append(scope)
		raw = [(name.encode(), value.encode()) for name, value in self.headers.items()]
		await send({'type': 'http.response.start', 'status': self.status, 'headers': raw})
		await send({'type': 'http.response.body', 'body': b'inner'})


def http_scope(
	path: str = '/', *, method: str = 'GET', headers: dict[str, str] | None = None, client: str = '127.0.0.1'
) -> Scope:
	raw = [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
	return {'type': 'http', 'method': method, 'path': path, 'scheme': 'http', 'headers': raw, 'client': (client, 50000)}


def websocket_scope(headers: dict[str, str], *, http_answers: bool = False) -> Scope:
	raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
	extensions: dict[str, object] = {'websocket.http.response': {}} if http_answers else {}
	return {'type': 'websocket', 'path': '/ws', 'scheme': 'ws', 'headers': raw, 'extensions': extensions}


def call(app: ASGIApp, scope: Scope) -> list[Message]:
	"""Run one request through `app`; returns every message it sent."""
	sent: list[Message] = []

	async def receive() -> Message:
		return {'type': 'http.request', 'body': b'', 'more_body': False}

	async def send(message: Message) -> None:
		sent.append(message)

	async def run() -> None:
		await app(scope, receive, send)

	asyncio.run(run())
	return sent


def status_of(sent: list[Message]) -> int:
	return int(sent[0]['status'])


def headers_of(sent: list[Message]) -> dict[str, str]:
	raw: list[tuple[bytes, bytes]] = sent[0]['headers']
	return {name.decode(): value.decode() for name, value in raw}


def body_of(sent: list[Message]) -> str:
	return b''.join(bytes(message.get('body', b'')) for message in sent[1:]).decode()
