"""Issue 13 items 2-4 probed from outside, as a rebinding page, a foreign site and a password guesser would.

Each probe returns its figures (tried / refused); the tests assert on them and bench/reliability.py prints them.
"""

import logging
import time
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from localai_ui.server import RunningServer
from localai_ui.server.login_attempts import log as attempts_log
from tests.server.echo_app import LAN_ADDRESS, PASSWORD, USER, cors_grants, lan_host, login, port_of

FOREIGN_HOSTS = (
	'attacker.example:{port}',
	'attacker.example',
	'localhost.attacker.example:{port}',
	'127.0.0.1.nip.io:{port}',
	f'{LAN_ADDRESS}:{{port}}',
	'[fe80::1]:{port}',
	'studio.lan:{port}',
)
FOREIGN_ORIGINS = (
	'http://evil.example',
	'null',
	f'http://{LAN_ADDRESS}',
	f'https://{LAN_ADDRESS}:{{port}}',
	f'http://{LAN_ADDRESS}.evil.example:{{port}}',
	'http://localhost:{port}',
	'file://',
)
PREFLIGHT = {'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type'}
DELETE_CALL = 'gradio_api/call/delete_generation'
GUESSES = 30


@dataclass(frozen=True)
class Refusals:
	"""Requests tried and refused; `leaks` names each one that got through (or got a CORS grant)."""

	tried: int
	refused: int
	leaks: tuple[str, ...]


@dataclass(frozen=True)
class LoginFigures:
	"""A burst of wrong passwords from one address, then the right one from it and from another address."""

	guesses: int
	checked: int  # guesses that reached the password check (the rest got 429)
	seconds: float
	retry_after: str
	same_client_right: int  # status of the right password from the locked-out address
	other_client_right: int  # status of the right password from another address
	logged: tuple[str, ...]


def host_requests(url: str, host: str) -> list[httpx.Response]:
	"""What a rebinding page sends with `host`: read the config and the API, call /delete_generation, join the queue."""
	headers = {'Host': host}
	delete = {'data': [1, None]}
	join = {'data': [1, None], 'fn_index': 0, 'session_hash': 'rebinding', 'event_data': None, 'trigger_id': None}
	return [
		httpx.get(f'{url}config', headers=headers),
		httpx.get(f'{url}gradio_api/info', headers=headers),
		httpx.post(f'{url}{DELETE_CALL}', json=delete, headers=headers),
		httpx.post(f'{url}gradio_api/queue/join', json=join, headers=headers),
	]


def foreign_hosts(server: RunningServer) -> Refusals:
	"""Every foreign Host on every request: refused means 400 and nothing of the app in the answer."""
	tried = 0
	leaks: list[str] = []
	for pattern in FOREIGN_HOSTS:
		host = pattern.format(port=port_of(server))
		for response in host_requests(server.url, host):
			tried += 1
			if response.status_code != 400 or 'event_id' in response.text or '"components"' in response.text:
				leaks.append(f'{host} {response.request.method} {response.request.url.path}: {response.status_code}')
	return Refusals(tried, tried - len(leaks), tuple(leaks))


def origin_requests(url: str, host: str, origin: str) -> list[httpx.Response]:
	"""What a page at `origin` would send: read the config, log in with the right password, preflight, delete."""
	headers = {'Host': host, 'Origin': origin}
	return [
		httpx.get(f'{url}config', headers=headers),
		httpx.post(f'{url}login', data={'username': USER, 'password': PASSWORD}, headers=headers),
		httpx.options(f'{url}gradio_api/queue/join', headers=headers | PREFLIGHT),
		httpx.post(f'{url}{DELETE_CALL}', json={'data': [1, None]}, headers=headers),
	]


def foreign_origins(server: RunningServer) -> Refusals:
	"""Every foreign Origin on every request to the app reached by its LAN address: refused means 403, no grant."""
	tried = 0
	leaks: list[str] = []
	for pattern in FOREIGN_ORIGINS:
		origin = pattern.format(port=port_of(server))
		for response in origin_requests(server.url, lan_host(server), origin):
			tried += 1
			granted = cors_grants(response)
			if response.status_code != 403 or granted or 'set-cookie' in response.headers:
				leaks.append(f'{origin} {response.request.method} {response.request.url.path}: {response.status_code}')
	return Refusals(tried, tried - len(leaks), tuple(leaks))


def own_origin_login(server: RunningServer) -> httpx.Response:
	"""The app's own page (opened by its LAN address) logging in: must keep working."""
	return origin_requests(server.url, lan_host(server), f'http://{lan_host(server)}')[1]


@contextmanager
def login_log() -> Generator[list[str]]:
	"""The warnings the login throttle logs while the block runs."""
	lines: list[str] = []

	class Collect(logging.Handler):
		def emit(self, record: logging.LogRecord) -> None:
			lines.append(record.getMessage())

	handler = Collect(logging.WARNING)
	attempts_log.addHandler(handler)
	try:
		yield lines
	finally:
		attempts_log.removeHandler(handler)


def password_guessing(server: RunningServer, guesser: str = '127.0.0.5', other: str = '127.0.0.6') -> LoginFigures:
	"""GUESSES wrong passwords as fast as one client can send them, then the right one from both addresses."""
	with login_log() as lines:
		started = time.monotonic()
		answers = [login(server, f'guess{index}', source=guesser) for index in range(GUESSES)]
		seconds = time.monotonic() - started
	checked = sum(answer.status_code == 400 for answer in answers)
	return LoginFigures(
		guesses=GUESSES,
		checked=checked,
		seconds=seconds,
		retry_after=answers[-1].headers.get('retry-after', ''),
		same_client_right=login(server, PASSWORD, source=guesser).status_code,
		other_client_right=login(server, PASSWORD, source=other).status_code,
		logged=tuple(lines),
	)
