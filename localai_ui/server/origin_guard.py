"""OriginGuard: a page from another site may not use this server with the visitor's login (CSRF, CORS)."""

from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from localai_ui.server.refusals import refuse
from localai_ui.server.site_address import SiteAddress, parse_origin, request_site

FORBIDDEN = 403
CORS_HEADERS = ('access-control-allow-origin', 'access-control-allow-credentials')
PREFLIGHT_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT'


class OriginGuard:
	"""Pure ASGI middleware: a request with an Origin passes only when that origin is the request's own
	(scheme, host and port of its Host) or one the user listed; others get 403, preflights included.
	No response carries CORS grants except to an allowed origin, whatever the app behind adds."""

	def __init__(self, app: ASGIApp, *, allowed_origins: Iterable[SiteAddress]) -> None:
		self.app = app
		self.allowed = frozenset(allowed_origins)

	async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
		if scope['type'] not in ('http', 'websocket'):
			await self.app(scope, receive, send)
			return
		headers = Headers(scope=scope)
		origin = headers.get('origin')
		if origin is None:
			await self.app(scope, receive, send_with_cors(send, None))
			return
		listed = self.listed(origin)
		if not listed and not is_same_origin(origin, str(scope['scheme']), headers.get('host', '')):
			await refuse(scope, send, FORBIDDEN, explain(origin, headers.get('host', '')))
			return
		if not listed:
			await self.app(scope, receive, send_with_cors(send, origin))
			return
		if scope['type'] == 'http' and scope['method'] == 'OPTIONS' and 'access-control-request-method' in headers:
			await preflight(send, origin, headers.get('access-control-request-headers'))
			return
		await self.app(scope, receive, send_with_cors(send, origin, grant=True))

	def listed(self, origin: str) -> bool:
		try:
			return parse_origin(origin) in self.allowed
		except ValueError:
			return False


def is_same_origin(origin: str, scope_scheme: str, host: str) -> bool:
	"""Whether a page at `origin` sent this request to its own server (scheme, name and port all equal)."""
	try:
		return parse_origin(origin) == request_site(scope_scheme, host)
	except ValueError:
		return False


def send_with_cors(send: Send, origin: str | None, *, grant: bool = False) -> Send:
	"""`send` that strips CORS grants not made to `origin`, and grants it (with credentials) when `grant` is set."""

	async def sender(message: Message) -> None:
		if message['type'] == 'http.response.start':
			headers = MutableHeaders(scope=message)
			if grant and origin is not None:
				headers['access-control-allow-origin'] = origin
				headers['access-control-allow-credentials'] = 'true'
				headers.add_vary_header('Origin')
			elif origin is None or headers.get('access-control-allow-origin') != origin:
				for name in CORS_HEADERS:
					del headers[name]
		await send(message)

	return sender


async def preflight(send: Send, origin: str, requested_headers: str | None) -> None:
	"""The CORS preflight answer for an origin the user listed."""
	headers = MutableHeaders()
	headers['access-control-allow-origin'] = origin
	headers['access-control-allow-credentials'] = 'true'
	headers['access-control-allow-methods'] = PREFLIGHT_METHODS
	headers['access-control-max-age'] = '600'
	headers['vary'] = 'Origin'
	if requested_headers is not None:
		headers['access-control-allow-headers'] = requested_headers
	headers['content-length'] = '0'
	await send({'type': 'http.response.start', 'status': 204, 'headers': headers.raw})
	await send({'type': 'http.response.body', 'body': b''})


def explain(origin: str, host: str) -> str:
	"""What was refused and how to allow it, for whoever reads the response."""
	return (
		f'Refused a request from the page at {origin!r} to {host!r}: another site may not use this app with your login.\n'
		f'If you trust that page, start the app with --allowed-origin {origin}\n'
	)
