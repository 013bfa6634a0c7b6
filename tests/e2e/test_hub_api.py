"""The Hugging Face endpoints through gradio_client against the real app, whose HF_ENDPOINT is the loopback fake hub
of tests/hub: search, details, a repo download with only the needed files, resume, gated repos, server errors."""

import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from localai_ui.settings import settings_for
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.hub.canned_repos import DIFFUSERS, GATED, NO_ACCESS_TOKEN, SINGLE, TOKEN, canned_hub
from tests.hub.fake_hub import FakeHub
from tests.hub.fake_hub_server import serving

Json = dict[str, object]


@contextmanager
def hub_app(folder: Path) -> Generator[tuple[RunningApp, FakeHub]]:
	"""The app with an empty models folder, started while HF_ENDPOINT points at a fresh fake hub."""
	fake = canned_hub()
	with serving(fake) as endpoint, pytest.MonkeyPatch.context() as patch:
		patch.setenv('HF_ENDPOINT', endpoint)
		flags = ['--data-dir', str(folder / 'data'), '--models-dir', str(folder / 'models'), '--device', 'cpu']
		app = start_app(settings_for([*flags, '--port', str(free_port())]))
		try:
			yield app, fake
		finally:
			stop_app(app)


@pytest.fixture(scope='module')
def hub_and_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningApp, FakeHub]]:
	with hub_app(tmp_path_factory.mktemp('hub-api')) as started:
		yield started


@pytest.fixture(scope='module')
def api(hub_and_app: tuple[RunningApp, FakeHub]) -> Client:
	return Client(hub_and_app[0].url, analytics_enabled=False, verbose=False)


@pytest.fixture
def fake(hub_and_app: tuple[RunningApp, FakeHub]) -> Iterator[FakeHub]:
	hub = hub_and_app[1]
	yield hub
	hub.fail_status, hub.seen[:] = None, []


def call(api: Client, name: str, **values: object) -> Json:
	return cast(Json, api.predict(api_name=name, **values))


def wait_until_finished(api: Client, download_id: str, status_api: str = '/download_status') -> Json:
	deadline = time.monotonic() + 20
	while (status := call(api, status_api, download_id=download_id))['state'] == 'running':
		assert time.monotonic() < deadline, status
		time.sleep(0.1)
	return status


def refused(action: Callable[[], object]) -> str:
	with pytest.raises(AppError) as caught:
		action()
	return str(caught.value)


def test_search_sorts_filters_and_skips_other_pipelines(api: Client, fake: FakeHub) -> None:
	by_likes = cast(list[Json], api.predict(query='', sort='likes', family='any', api_name='/hub_search'))
	ids = [str(model['id']) for model in by_likes]
	assert ids[0] == SINGLE and 'acme/a-text-model' not in ids
	likes = [cast(int, model['likes']) for model in by_likes]
	assert likes == sorted(likes, reverse=True)
	xl = cast(list[Json], api.predict(query='', sort='downloads', family='sdxl', api_name='/hub_search'))
	assert [model['id'] for model in xl] == [GATED] and xl[0]['gated'] is True
	assert fake.requests_for('/api/models'), 'the search reached the fake hub'


def test_details_show_files_license_card_and_what_a_download_takes(api: Client, fake: FakeHub) -> None:
	details = call(api, '/hub_details', repo_id=DIFFUSERS)
	assert details['license'] == 'creativeml-openrail-m' and details['family'] == 'sd1'
	assert 'A tiny Stable Diffusion pipeline made for tests' in str(details['summary'])
	sizes = {str(file['file']): file['size'] for file in cast(list[Json], details['files'])}
	assert sizes == {path: len(body) for path, body in fake.repos[DIFFUSERS].files.items()}
	needed = cast(list[str], details['repo_download'])
	assert 'unet/diffusion_pytorch_model.safetensors' in needed and 'model_index.json' in needed
	assert not [path for path in needed if path.endswith('.bin') or 'safety_checker' in path or 'ema' in path]
	assert details['single_files'] == ['v1-5-pruned-emaonly.safetensors']


def test_a_cancelled_repo_download_is_not_listed(api: Client, fake: FakeHub) -> None:
	fake.delay_s = 0.05
	started = call(api, '/hub_download', repo_id=DIFFUSERS, fp16=True)
	deadline = time.monotonic() + 10
	while (status := call(api, '/hub_download_status', download_id=started['id']))['received'] == 0:
		assert status['state'] == 'running' and time.monotonic() < deadline, status
		time.sleep(0.02)
	call(api, '/cancel_hub_download', download_id=started['id'])
	fake.delay_s = 0.0
	assert wait_until_finished(api, str(started['id']))['state'] == 'cancelled', status
	listed = cast(list[Json], api.predict(refresh=True, api_name='/list_models'))
	assert listed == [], 'a half-fetched repo stays out of the library'


def test_single_files_go_to_the_folder_asked_for_and_are_checked_as_that_kind(
	api: Client, hub_and_app: tuple[RunningApp, FakeHub]
) -> None:
	settings = hub_and_app[0].context.settings
	as_vae = call(api, '/hub_download', repo_id=SINGLE, file='model-xl.safetensors', target='vae')
	assert as_vae['status_endpoint'] == '/hub_download_status'
	refused_vae = wait_until_finished(api, str(as_vae['id']), '/hub_download_status')
	assert refused_vae['state'] == 'failed' and 'model-xl.safetensors' in str(refused_vae['error'])
	assert list(settings.vaes_dir.iterdir()) == [], 'a file that is no VAE leaves nothing behind'
	as_model = call(api, '/hub_download', repo_id=SINGLE, file='model-xl.safetensors')
	assert wait_until_finished(api, str(as_model['id']))['state'] == 'done'
	assert (settings.models_dir / 'model-xl.safetensors').is_file()
	pickle = refused(lambda: call(api, '/hub_download', repo_id=SINGLE, file='model-xl.ckpt'))
	assert 'pickle' in pickle and 'model-xl.ckpt' in pickle
	(settings.models_dir / 'model-xl.safetensors').unlink()


def test_repo_download_fetches_only_needed_files_resumes_and_is_listed(
	api: Client, fake: FakeHub, hub_and_app: tuple[RunningApp, FakeHub]
) -> None:
	fake.cut_once[f'{DIFFUSERS}/unet/diffusion_pytorch_model.fp16.safetensors'] = 100_000
	first = call(api, '/hub_download', repo_id=DIFFUSERS, fp16=True)
	assert first['status_endpoint'] == '/download_status' and first['name'] == 'tiny-diffusers'
	cut = wait_until_finished(api, str(first['id']))
	assert cut['state'] == 'failed' and 'retry to resume' in str(cut['error'])
	again = call(api, '/hub_download', repo_id=DIFFUSERS, fp16=True)
	assert wait_until_finished(api, str(again['id']))['state'] == 'done'
	assert {seen.range for seen in fake.seen if seen.range} == {'bytes=100000-'}, 'the second try resumed'
	folder = hub_and_app[0].context.settings.models_dir / 'tiny-diffusers'
	files = sorted(path.relative_to(folder).as_posix() for path in folder.rglob('*') if path.is_file())
	assert 'unet/diffusion_pytorch_model.safetensors' in files and 'model_index.json' in files
	assert not [name for name in files if name.endswith('.bin') or 'safety_checker' in name or 'ema' in name]
	unet = fake.repos[DIFFUSERS].files['unet/diffusion_pytorch_model.fp16.safetensors']
	assert (folder / 'unet/diffusion_pytorch_model.safetensors').read_bytes() == unet, 'the fp16 weights, plain name'
	assert not [seen.path for seen in fake.seen if '.bin' in seen.path or 'msgpack' in seen.path]
	listed = cast(list[Json], api.predict(refresh=True, api_name='/list_models'))
	assert 'tiny-diffusers' in [model['name'] for model in listed]
	assert 'already in the models folder' in refused(lambda: call(api, '/hub_download', repo_id=DIFFUSERS))


def test_gated_repo_needs_a_token_and_a_bad_token_is_named(api: Client) -> None:
	without = refused(lambda: call(api, '/hub_download', repo_id=GATED))
	assert 'gated' in without and 'token' in without
	api.predict(hf_token=NO_ACCESS_TOKEN + 'x', api_name='/set_settings')
	bad = refused(lambda: call(api, '/hub_search', query='locked'))
	assert 'refused the Hugging Face token' in bad and NO_ACCESS_TOKEN not in bad
	api.predict(hf_token=TOKEN, api_name='/set_settings')
	started = call(api, '/hub_download', repo_id=GATED)
	assert wait_until_finished(api, str(started['id']))['state'] == 'done'
	assert TOKEN not in str(started)
	api.predict(hf_token='', api_name='/set_settings')


def test_a_server_error_and_a_bad_value_are_clear_messages(api: Client, fake: FakeHub) -> None:
	fake.fail_status = 500
	said = refused(lambda: call(api, '/hub_details', repo_id=DIFFUSERS))
	assert 'HTTP 500' in said and 'try again later' in said
	assert 'sort is "downloads" or "likes"' in refused(lambda: api.predict(sort='stars', api_name='/hub_search'))
	assert 'owner/name' in refused(lambda: call(api, '/hub_details', repo_id='../etc'))
