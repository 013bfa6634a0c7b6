"""A fake hub on loopback with the canned repos, and a client pointed at it (network access allowed)."""

from collections.abc import Iterator

import pytest

from localai_ui.services.hub import HubClient
from tests.hub.canned_repos import canned_hub
from tests.hub.fake_hub import FakeHub
from tests.hub.fake_hub_server import serving


@pytest.fixture
def hub() -> Iterator[tuple[FakeHub, str]]:
	fake = canned_hub()
	with serving(fake) as endpoint:
		yield fake, endpoint


@pytest.fixture
def fake(hub: tuple[FakeHub, str]) -> FakeHub:
	return hub[0]


@pytest.fixture
def client(hub: tuple[FakeHub, str]) -> HubClient:
	return HubClient(allow_network=True, endpoint=hub[1], environ={})
