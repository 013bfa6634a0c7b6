"""How a guard says no: a short plain-text HTTP answer, or a refused websocket handshake."""

from starlette.types import Scope, Send

POLICY_VIOLATION = 1008  # websocket close code


async def refuse(scope: Scope, send: Send, status: int, message: str, headers: dict[str, str] | None = None) -> None:
	"""Answer with `status` and `message` as text; a websocket gets the same answer when the server supports it."""
	body = message.encode()
	raw_headers = [(b'content-type', b'text/plain; charset=utf-8'), (b'content-length', str(len(body)).encode())]
	raw_headers += [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
	if scope['type'] == 'websocket':
		if 'websocket.http.response' not in scope.get('extensions', {}):
			await send({'type': 'websocket.close', 'code': POLICY_VIOLATION})
			return
		await send({'type': 'websocket.http.response.start', 'status': status, 'headers': raw_headers})
		await send({'type': 'websocket.http.response.body', 'body': body})
		return
	await send({'type': 'http.response.start', 'status': status, 'headers': raw_headers})
	await send({'type': 'http.response.body', 'body': body})
