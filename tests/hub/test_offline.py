"""Offline by default: with network access not allowed nothing is sent and the message says how to allow it."""

from pathlib import Path

import pytest

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import HubOfflineError, HubUnreachableError, PlannedFile
from localai_ui.services.hub import OFFLINE_MESSAGE, HubClient
from tests.hub.canned_repos import DIFFUSERS
from tests.hub.fake_hub import FakeHub


def test_hf_hub_offline_and_no_permission_send_nothing(
	hub: tuple[FakeHub, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
	fake, endpoint = hub
	monkeypatch.setenv('HF_HUB_OFFLINE', '1')
	client = HubClient(allow_network=False, endpoint=endpoint)
	planned = [PlannedFile('model_index.json', 'model_index.json', None, None)]
	with pytest.raises(HubOfflineError, match='allow') as raised:
		client.search_models('tiny')
	assert str(raised.value) == OFFLINE_MESSAGE and 'network access' in OFFLINE_MESSAGE
	with pytest.raises(HubOfflineError):
		client.model_details(DIFFUSERS)
	with pytest.raises(HubOfflineError):
		client.download_files(DIFFUSERS, planned, tmp_path, token=None, cancel=CancelToken(), progress=print)
	assert fake.seen == [] and list(tmp_path.iterdir()) == []
	client.allow_network = True  # the user turned it on: HF_HUB_OFFLINE keeps the libraries offline, not this client
	assert [model.id for model in client.search_models('tiny-diff')] == [DIFFUSERS]


def test_a_hub_that_does_not_answer_is_a_clear_error(hub: tuple[FakeHub, str]) -> None:
	_, endpoint = hub
	host, port = endpoint.rsplit(':', 1)
	closed = HubClient(allow_network=True, endpoint=f'{host}:1', environ={})
	with pytest.raises(HubUnreachableError, match=r'cannot reach the Hugging Face hub at http://127.0.0.1:1'):
		closed.search_models('x')
	assert port
