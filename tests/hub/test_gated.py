"""Gated repos: a clear message without a token or without access, a refused token; the token itself never shows up
in an error, a log record, or a request to the CDN."""

import logging
from pathlib import Path

import pytest

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import HubBadTokenError, HubGatedError, HubServerError
from localai_ui.services.hub import HubClient, plan_repo_download
from tests.hub.canned_repos import DIFFUSERS, GATED, NO_ACCESS_TOKEN, TOKEN
from tests.hub.fake_hub import FakeHub

UNET = 'unet/diffusion_pytorch_model.fp16.safetensors'


@pytest.fixture(autouse=True)
def all_logs(caplog: pytest.LogCaptureFixture) -> None:
	caplog.set_level(logging.DEBUG)


def assert_token_not_in(*errors: BaseException) -> None:
	for error in errors:
		assert TOKEN not in str(error) and TOKEN not in repr(error.args)
		assert error.__cause__ is None or TOKEN not in str(error.__cause__)


def assert_token_nowhere(caplog: pytest.LogCaptureFixture, *errors: BaseException) -> None:
	assert_token_not_in(*errors)
	for record in caplog.records:
		assert TOKEN not in record.getMessage() and TOKEN not in str(record.args)
	assert caplog.records, 'httpx logs every request: the check above must have looked at something'


def test_with_the_token_a_gated_repo_plans_and_downloads(
	client: HubClient, fake: FakeHub, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
	details = client.model_details(GATED, token=TOKEN)
	assert details.components == ('unet', 'scheduler')
	plan = plan_repo_download(details, 'fp16')
	paths = client.download_files(
		GATED, plan.files, tmp_path, token=TOKEN, cancel=CancelToken(), progress=print, revision=plan.revision
	)
	assert (tmp_path / 'unet/diffusion_pytorch_model.safetensors').read_bytes() == fake.repos[GATED].files[UNET]
	assert len(paths) == 4
	resolves = fake.requests_for(f'/{GATED}/resolve/')
	assert resolves and all(request.authorization == f'Bearer {TOKEN}' for request in resolves)
	cdn = fake.requests_for('/cdn/')
	assert cdn and all(request.authorization == '' for request in cdn)  # another origin: no token
	assert_token_nowhere(caplog)


def test_without_a_token_the_download_says_to_accept_and_give_one(
	client: HubClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
	plan = plan_repo_download(client.model_details(GATED, token=TOKEN), 'fp16')
	page = rf'http://127.0.0.1:\d+/{GATED}'
	expected = (
		rf'{GATED}: unet/config.json: the repo is gated; accept its conditions at {page}, then give a Hugging Face'
	)
	with pytest.raises(HubGatedError, match=expected) as raised:
		client.download_files(GATED, plan.files, tmp_path, token=None, cancel=CancelToken(), progress=print)
	assert not list(tmp_path.rglob('*.*'))
	assert_token_nowhere(caplog, raised.value)


def test_a_token_without_access_and_a_refused_token(
	client: HubClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
	plan = plan_repo_download(client.model_details(GATED, token=TOKEN), 'fp16')
	with pytest.raises(HubGatedError, match='this token has no access') as no_access:
		client.download_files(GATED, plan.files, tmp_path, token=NO_ACCESS_TOKEN, cancel=CancelToken(), progress=print)
	assert NO_ACCESS_TOKEN not in str(no_access.value)
	wrong = TOKEN[::-1]
	with pytest.raises(HubBadTokenError, match='refused the Hugging Face token') as refused:
		client.model_details(DIFFUSERS, token=wrong)
	assert wrong not in str(refused.value)
	with pytest.raises(HubBadTokenError, match='paste it again') as malformed:
		client.search_models('x', token=f'{TOKEN[:9]} {TOKEN[9:]}')
	assert_token_nowhere(caplog, refused.value, malformed.value)


def test_a_server_that_echoes_the_token_gets_it_cut_out_of_the_error(client: HubClient, fake: FakeHub) -> None:
	"""(httpcore's DEBUG log quotes the answer's headers as received: only a hostile server puts a token there.)"""
	fake.fail_status = 500
	fake.echo_token_in_errors = True
	with pytest.raises(HubServerError, match=r'HTTP 500 \(Internal Error for Bearer <token>\)') as raised:
		client.model_details(GATED, token=TOKEN)
	assert_token_not_in(raised.value)
