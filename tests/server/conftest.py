"""Servers shared by a test module: the echo demo in default mode and in LAN mode with a password."""

from collections.abc import Iterator

import pytest

from localai_ui.server import RunningServer, ServeOptions
from tests.server.echo_app import PASSWORD, USER, served


@pytest.fixture(scope='module')
def default_server() -> Iterator[RunningServer]:
	with served(ServeOptions(port=0, quiet=True, allowed_hosts=('studio.lan',))) as running:
		yield running


@pytest.fixture(scope='module')
def lan_server() -> Iterator[RunningServer]:
	"""LAN mode as --listen gives it, bound to 127.0.0.1 so tests stay on this machine."""
	options = ServeOptions(
		port=0, quiet=True, listen=True, auth=(USER, PASSWORD), allowed_origins=('http://tablet.lan:8080',)
	)
	with served(options) as running:
		yield running
