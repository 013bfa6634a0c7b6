"""The network guard lets loopback through and stops everything else before a packet leaves."""

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from tests import network_guard

PUBLIC = [('10.255.255.1', 80), ('8.8.8.8', 53), ('example.com', 80)]


@pytest.fixture(autouse=True)
def guard() -> Iterator[None]:
	"""Guard these tests even when conftest.py has not activated the plugin; forget what they provoke."""
	was_installed = network_guard.installed()
	network_guard.install()
	recorded = network_guard.drain()
	yield
	network_guard.drain()
	network_guard.BLOCKED.extend(recorded)
	if not was_installed:
		network_guard.uninstall()


@pytest.fixture
def real_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
	"""Spy on the real socket functions behind the guard: which of them were reached."""
	calls: list[str] = []

	def spy(name: str, real: Callable[..., object]) -> Callable[..., object]:
		def call(*args: object, **kwargs: object) -> object:
			calls.append(name)
			return real(*args, **kwargs)

		return call

	for name in ('real_connect', 'real_connect_ex', 'real_sendto', 'real_getaddrinfo', 'real_create_connection'):
		monkeypatch.setattr(network_guard, name, spy(name, getattr(network_guard, name)))
	return calls


def test_loopback_tcp_works(real_calls: list[str]) -> None:
	server = socket.create_server(('127.0.0.1', 0))
	port = server.getsockname()[1]
	accepted = threading.Thread(target=lambda: server.accept()[0].sendall(b'hello'))
	accepted.start()
	with socket.create_connection(('127.0.0.1', port), timeout=5) as client:
		assert client.recv(5) == b'hello'
	accepted.join(5)
	server.close()
	assert 'real_connect' in real_calls
	assert network_guard.BLOCKED == []


def test_localhost_name_and_loopback_udp_work() -> None:
	assert socket.getaddrinfo('localhost', 80)
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver, socket.socket(type=socket.SOCK_DGRAM) as sender:
		receiver.bind(('127.0.0.1', 0))
		sender.sendto(b'ping', receiver.getsockname())
		assert receiver.recv(4) == b'ping'
	assert network_guard.BLOCKED == []


@pytest.mark.parametrize('address', PUBLIC)
def test_tcp_to_the_outside_is_refused_before_connecting(address: tuple[str, int], real_calls: list[str]) -> None:
	started = time.monotonic()
	with socket.socket() as sock:
		sock.settimeout(10)
		with pytest.raises(network_guard.NonLoopbackConnectionError, match=address[0]):
			sock.connect(address)
		with pytest.raises(network_guard.NonLoopbackConnectionError):
			sock.connect_ex(address)
	with pytest.raises(network_guard.NonLoopbackConnectionError):
		socket.create_connection(address, timeout=10)
	assert real_calls == []
	assert time.monotonic() - started < 1
	assert len(network_guard.drain()) == 3


def test_dns_lookup_of_a_public_name_is_refused(real_calls: list[str]) -> None:
	with pytest.raises(network_guard.NonLoopbackConnectionError, match='example.com'):
		socket.getaddrinfo('example.com', 443)
	assert real_calls == []
	assert len(network_guard.drain()) == 1


def test_udp_sendto_a_public_address_is_refused(real_calls: list[str]) -> None:
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
		with pytest.raises(network_guard.NonLoopbackConnectionError, match='8.8.8.8'):
			sock.sendto(b'x', ('8.8.8.8', 53))
		with pytest.raises(network_guard.NonLoopbackConnectionError):
			sock.sendto(b'x', 0, ('8.8.4.4', 53))
	assert real_calls == []
	assert len(network_guard.drain()) == 2


def test_error_is_an_oserror_so_callers_handle_it_like_a_network_failure() -> None:
	assert issubclass(network_guard.NonLoopbackConnectionError, OSError)


@pytest.mark.parametrize(
	('host', 'allowed'),
	[
		('127.0.0.1', True),
		('127.8.9.10', True),
		('::1', True),
		('[::1]', True),
		('localhost', True),
		('LOCALHOST.', True),
		(b'localhost', True),
		(None, True),
		('::ffff:127.0.0.1', True),
		('10.0.0.1', False),
		('192.168.1.1', False),
		('2001:4860:4860::8888', False),
		('example.com', False),
		('localhost.example.com', False),
		(42, False),
	],
)
def test_is_loopback_host(host: object, allowed: bool) -> None:
	assert network_guard.is_loopback_host(host) is allowed


def test_uninstall_restores_the_real_functions() -> None:
	network_guard.uninstall()
	assert socket.getaddrinfo is network_guard.real_getaddrinfo
	assert not network_guard.installed()
	network_guard.install()
	assert network_guard.installed()


def test_unix_sockets_are_allowed(tmp_path_factory: pytest.TempPathFactory) -> None:
	path = str(tmp_path_factory.mktemp('sock') / 's')
	with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
		server.bind(path)
		server.listen()
		client.connect(path)
	assert network_guard.BLOCKED == []
