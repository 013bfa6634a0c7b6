"""ServeOptions: the address, login and access rules one server runs with, checked once when built."""

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from localai_ui.server.errors import ServeOptionsError
from localai_ui.server.site_address import SiteAddress, host_name, parse_origin

LOOPBACK_BIND = '127.0.0.1'


@dataclass(frozen=True)
class ServeOptions:
	"""How to serve the app. `listen` turns on LAN mode (IP literals and this machine's names are accepted hosts);
	`allowed_hosts` / `allowed_origins` are what the user added with --allowed-host / --allowed-origin."""

	host: str = LOOPBACK_BIND
	port: int = 7860  # 0 picks a free port
	auth: tuple[str, str] | None = None
	listen: bool = False
	allowed_hosts: tuple[str, ...] = ()
	allowed_origins: tuple[str, ...] = ()
	allowed_paths: tuple[Path, ...] = ()
	max_file_size: str | int | None = None
	css: str = ''
	head: str = ''
	quiet: bool = False
	concurrency_limit: int = 4

	def __post_init__(self) -> None:
		if not _is_loopback(self.host) and not self.listen:
			raise ServeOptionsError(f'serving on {self.host} reaches other devices: that needs LAN mode (--listen)')
		if self.listen and self.auth is None:
			raise ServeOptionsError('LAN mode (--listen) lets other devices in: it needs --auth USER:PASSWORD')
		for name in self.allowed_hosts:
			_checked_host(name)
		for origin in self.allowed_origins:
			_checked_origin(origin)

	@property
	def host_names(self) -> frozenset[str]:
		"""The user's --allowed-host values as bare lower-case names."""
		return frozenset(_checked_host(name) for name in self.allowed_hosts)

	@property
	def origins(self) -> frozenset[SiteAddress]:
		"""The user's --allowed-origin values, parsed."""
		return frozenset(_checked_origin(origin) for origin in self.allowed_origins)


def _is_loopback(host: str) -> bool:
	if host.strip('[]').lower() == 'localhost':
		return True
	try:
		return ipaddress.ip_address(host.strip('[]')).is_loopback
	except ValueError:
		return False


def _checked_host(value: str) -> str:
	try:
		return host_name(value)
	except ValueError as error:
		raise ServeOptionsError(f'--allowed-host {value!r} is not a host name like mybox.lan ({error})') from error


def _checked_origin(value: str) -> SiteAddress:
	try:
		return parse_origin(value)
	except ValueError as error:
		raise ServeOptionsError(
			f'--allowed-origin {value!r}: give scheme, host and port like http://mybox:7860 ({error})'
		) from error
