"""Host headers and Origin values split into comparable parts, the way browsers send them."""

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORTS = {'http': 80, 'https': 443}
WEB_SCHEMES = {'http': 'http', 'ws': 'http', 'https': 'https', 'wss': 'https'}


@dataclass(frozen=True)
class SiteAddress:
	"""One web origin: scheme ('http' or 'https'), lower-case host (IPv6 without brackets) and port."""

	scheme: str
	host: str
	port: int

	def __str__(self) -> str:
		host = f'[{self.host}]' if ':' in self.host else self.host
		suffix = '' if DEFAULT_PORTS[self.scheme] == self.port else f':{self.port}'
		return f'{self.scheme}://{host}{suffix}'


def split_host(value: str) -> tuple[str, int | None]:
	"""'name:port', '[::1]:port' or a bare name -> (lower-case name, port); ValueError when it is none of these."""
	text = value.strip().lower()
	if text.startswith('['):
		name, bracket, rest = text[1:].partition(']')
		ipaddress.IPv6Address(name)  # raises ValueError for anything that is not an IPv6 literal
		if not bracket or (rest and not rest.startswith(':')):
			raise ValueError(f'malformed host {value!r}')
		return name, _port(rest[1:]) if rest else None
	name, colon, port = text.partition(':')
	if not name or ':' in port or any(char in name for char in '/@?#\\ '):
		raise ValueError(f'malformed host {value!r}')
	return name, _port(port) if colon else None


def host_name(value: str) -> str:
	"""The name part of a Host header or of a user's --allowed-host value (port and brackets dropped)."""
	return split_host(value)[0]


def is_ip_literal(name: str) -> bool:
	try:
		ipaddress.ip_address(name)
	except ValueError:
		return False
	return True


def parse_origin(value: str) -> SiteAddress:
	"""An Origin header ('http://host[:port]') as a SiteAddress; ValueError for 'null', paths or other schemes."""
	parts = urlsplit(value.strip())
	scheme = parts.scheme.lower()
	if scheme not in DEFAULT_PORTS or not parts.hostname or parts.path not in ('', '/') or parts.query:
		raise ValueError(f'{value!r} is not an http(s) origin like http://host:port')
	if parts.username is not None or parts.fragment:
		raise ValueError(f'{value!r} is not an http(s) origin like http://host:port')
	port = parts.port  # raises ValueError for a port that is not a number in range
	return SiteAddress(scheme, parts.hostname.lower(), DEFAULT_PORTS[scheme] if port is None else port)


def request_site(scope_scheme: str, host_header: str) -> SiteAddress:
	"""The origin a request was sent to: its scheme (ws counts as http) and its Host header."""
	scheme = WEB_SCHEMES.get(scope_scheme, scope_scheme)
	name, port = split_host(host_header)
	return SiteAddress(scheme, name, DEFAULT_PORTS.get(scheme, 0) if port is None else port)


def _port(text: str) -> int:
	if not text.isdigit() or not 0 < int(text) < 65536:
		raise ValueError(f'port {text!r} is not a number from 1 to 65535')
	return int(text)
