"""HostGuard: answer only to the names this server is really reached by, so DNS rebinding gets nowhere."""

import socket
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from localai_ui.server.refusals import refuse
from localai_ui.server.site_address import host_name, is_ip_literal

LOOPBACK_NAMES = frozenset({'127.0.0.1', 'localhost', '::1'})
MISDIRECTED = 400


def machine_names() -> frozenset[str]:
	"""This machine's own names as LAN devices may type them (`box`, `box.local`, and the full name when dotted)."""
	full = socket.gethostname().lower().rstrip('.')
	short = full.split('.')[0]
	return frozenset(name for base in {full, short} if base for name in (base, f'{base}.local'))


class HostGuard:
	"""Pure ASGI middleware for HTTP and websockets. Default mode accepts loopback names and the user's names;
	LAN mode also accepts any IP literal and this machine's names. Anything else gets 400 naming the flag."""

	def __init__(
		self, app: ASGIApp, *, listen: bool, allowed_hosts: Iterable[str], own_names: Iterable[str] = ()
	) -> None:
		self.app = app
		self.listen = listen
		own = frozenset[str](own_names) if listen else frozenset[str]()
		self.accepted = LOOPBACK_NAMES | frozenset[str](allowed_hosts) | own

	async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
		if scope['type'] not in ('http', 'websocket'):
			await self.app(scope, receive, send)
			return
		host = Headers(scope=scope).get('host')
		if host is None:
			await refuse(scope, send, MISDIRECTED, 'Refused: the request has no Host header.\n')
			return
		try:
			name = host_name(host)
		except ValueError:
			await refuse(scope, send, MISDIRECTED, f'Refused: malformed Host header {host!r}.\n')
			return
		if name in self.accepted or (self.listen and is_ip_literal(name)):
			await self.app(scope, receive, send)
			return
		await refuse(scope, send, MISDIRECTED, self.explain(host, name))

	def explain(self, host: str, name: str) -> str:
		"""What was refused and how to allow it, for the person who sees it in the browser."""
		shown = [f'[{known}]' if ':' in known else known for known in sorted(self.accepted)]
		names = ', '.join(shown) + (' and IP addresses' if self.listen else '')
		flag_name = f'[{name}]' if ':' in name else name
		return (
			f'Refused Host {host!r}: this server answers only to {names}, which protects it from DNS rebinding.\n'
			f'If you reach it through that name on purpose, start it with --allowed-host {flag_name}\n'
		)
