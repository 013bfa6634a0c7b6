"""Pytest plugin: while the tests run, any connection that would leave this machine fails loudly.

Activate it from tests/conftest.py with `pytest_plugins = ['tests.network_guard']`. Only 127.0.0.0/8, ::1,
'localhost' and AF_UNIX are allowed (and 0.0.0.0 / ::, which the kernel routes to loopback). A blocked attempt
raises NonLoopbackConnectionError before any packet or DNS query is sent, and fails the whole run at the end,
even when the code under test swallowed the error.
"""

import ipaddress
import socket
from collections.abc import Callable
from typing import cast

import pytest

BLOCKED: list[str] = []
real_connect: Callable[..., None] = socket.socket.connect
real_connect_ex: Callable[..., int] = socket.socket.connect_ex
real_sendto: Callable[..., int] = socket.socket.sendto
real_getaddrinfo: Callable[..., object] = socket.getaddrinfo
real_create_connection: Callable[..., socket.socket] = socket.create_connection
_ORIGINALS: tuple[tuple[object, str, object], ...] = (
	(socket.socket, 'connect', real_connect),
	(socket.socket, 'connect_ex', real_connect_ex),
	(socket.socket, 'sendto', real_sendto),
	(socket, 'getaddrinfo', real_getaddrinfo),
	(socket, 'create_connection', real_create_connection),
)


class NonLoopbackConnectionError(OSError):
	"""A test tried to reach a host other than this machine."""


def is_loopback_host(host: object) -> bool:
	"""Whether a host name or address stays on this machine."""
	if host is None:
		return True
	if isinstance(host, bytes):
		host = host.decode(errors='replace')
	if not isinstance(host, str):
		return False
	name = host.strip('[]').split('%')[0].rstrip('.').lower()
	if name in ('', 'localhost') or name.endswith('.localhost'):
		return True
	try:
		address = ipaddress.ip_address(name)
	except ValueError:
		return False
	mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
	return address.is_loopback or address.is_unspecified or (mapped is not None and mapped.is_loopback)


def _check(action: str, family: int, address: object) -> None:
	"""Raise (and record) unless `address` of `family` stays on this machine."""
	if family == getattr(socket, 'AF_UNIX', -1):
		return
	items = cast('tuple[object, ...]', address) if isinstance(address, tuple) else (address,)
	host = items[0] if items else 'no host'
	if family in (socket.AF_INET, socket.AF_INET6) and is_loopback_host(host):
		return
	message = f'network_guard: blocked {action} to {address!r}: tests may only reach loopback or AF_UNIX'
	BLOCKED.append(message)
	raise NonLoopbackConnectionError(message)


def _connect(self: socket.socket, address: object) -> None:
	_check('connect', self.family, address)
	real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
	_check('connect_ex', self.family, address)
	return real_connect_ex(self, address)


def _sendto(self: socket.socket, data: bytes, *flags_and_address: object) -> int:
	_check('sendto', self.family, flags_and_address[-1] if flags_and_address else None)
	return real_sendto(self, data, *flags_and_address)


def _getaddrinfo(host: object, port: object, *args: object, **kwargs: object) -> object:
	_check('getaddrinfo', socket.AF_INET, (host, port))
	return real_getaddrinfo(host, port, *args, **kwargs)


def _create_connection(address: tuple[object, object], *args: object, **kwargs: object) -> socket.socket:
	_check('create_connection', socket.AF_INET, address)
	return real_create_connection(address, *args, **kwargs)


_GUARDS: tuple[object, ...] = (_connect, _connect_ex, _sendto, _getaddrinfo, _create_connection)


def installed() -> bool:
	"""Whether the guard is in place."""
	return socket.getaddrinfo is _getaddrinfo


def install() -> None:
	"""Put the guard in place (idempotent)."""
	for (target, name, _), guard in zip(_ORIGINALS, _GUARDS, strict=True):
		setattr(target, name, guard)


def uninstall() -> None:
	"""Restore the real socket functions."""
	for target, name, original in _ORIGINALS:
		setattr(target, name, original)


def drain() -> list[str]:
	"""Return and forget the recorded attempts: for tests that provoke them on purpose."""
	taken = list(BLOCKED)
	BLOCKED.clear()
	return taken


def pytest_configure() -> None:
	"""Guard the whole session."""
	install()


def pytest_unconfigure() -> None:
	"""Give the real sockets back."""
	uninstall()


def pytest_sessionfinish(session: pytest.Session) -> None:
	"""Fail the run when anything tried to leave the machine."""
	if BLOCKED:
		session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
	"""List the blocked attempts."""
	if BLOCKED:
		terminalreporter.section('network guard: non-loopback connections attempted', red=True)
		for message in BLOCKED:
			terminalreporter.line(message, red=True)
