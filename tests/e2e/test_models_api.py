"""The model endpoints through gradio_client against the real app, with tiny single-file checkpoints."""

import hashlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from localai_ui.settings import Settings, settings_for
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.models.http_server import Files, serving
from tests.models.tiny_checkpoints import write_tiny_checkpoints

Json = dict[str, object]


@pytest.fixture(scope='module')
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> Path:
	folder = tmp_path_factory.mktemp('e2e-checkpoints')
	write_tiny_checkpoints(folder)
	return folder


@pytest.fixture
def models_app(tmp_path: Path, checkpoints: Path) -> Iterator[RunningApp]:
	models = shutil.copytree(checkpoints, tmp_path / 'models')
	flags = ['--data-dir', str(tmp_path / 'data'), '--models-dir', str(models), '--device', 'cpu']
	settings: Settings = settings_for([*flags, '--port', str(free_port())])
	app = start_app(settings)
	yield app
	stop_app(app)


@pytest.fixture
def api(models_app: RunningApp) -> Client:
	return Client(models_app.url, analytics_enabled=False, verbose=False)


def models_of(api: Client) -> dict[str, Json]:
	listed = cast(list[Json], api.predict(api_name='/list_models'))
	return {str(model['name']): model for model in listed}


def test_models_are_listed_loaded_and_generated_from(api: Client, models_app: RunningApp) -> None:
	models = models_of(api)
	assert {name: model['architecture'] for name, model in models.items()} == {'tiny-sd15': 'sd1', 'tiny-sdxl': 'sdxl'}
	assert models['tiny-sdxl']['metadata'] == {'modelspec.title': 'Tiny SDXL'}
	loaded = cast(Json, api.predict(name='tiny-sdxl', api_name='/load_model'))
	assert loaded['name'] == 'tiny-sdxl' and loaded['last_used'] is not None
	deadline = time.monotonic() + 20
	while models_of(api)['tiny-sdxl']['hash'] is None:
		assert time.monotonic() < deadline
		time.sleep(0.1)
	result = cast(
		tuple[object, ...],
		api.predict(prompt='a cat', model='tiny-sdxl', width=64, height=64, steps=2, api_name='/generate'),
	)
	sha = hashlib.sha256((models_app.context.settings.models_dir / 'tiny-sdxl.safetensors').read_bytes()).hexdigest()
	assert f'Model hash: {sha[:10]}, Model: tiny-sdxl' in str(result[1])
	assert cast(list[str], api.predict(name='', api_name='/unload_model')) == []


def test_default_rename_and_delete(api: Client, models_app: RunningApp) -> None:
	assert cast(Json, api.predict(name='tiny-sdxl', api_name='/set_default_model'))['default'] is True
	renamed = cast(Json, api.predict(name='tiny-sdxl', new_name='xl', api_name='/rename_model'))
	assert renamed['file'] == 'xl.safetensors'
	with pytest.raises(AppError, match='confirm'):
		api.predict(name='xl', api_name='/delete_model')
	left = cast(list[Json], api.predict(name='xl', confirm=True, api_name='/delete_model'))
	assert [model['name'] for model in left] == ['tiny-sd15']
	assert not (models_app.context.settings.models_dir / 'xl.safetensors').exists()
	with pytest.raises(AppError, match='absolute paths are refused'):
		api.predict(source='/etc/passwd', api_name='/import_model')


def test_url_import_with_progress(api: Client, checkpoints: Path) -> None:
	body = (checkpoints / 'tiny-sd15.safetensors').read_bytes()
	with serving(Files({'/fetched.safetensors': body})) as base:
		started = cast(Json, api.predict(source=f'{base}/fetched.safetensors', api_name='/import_model'))
		status = started
		deadline = time.monotonic() + 20
		while status['state'] == 'running':
			assert time.monotonic() < deadline
			status = cast(Json, api.predict(download_id=started['id'], api_name='/download_status'))
	assert status['state'] == 'done' and status['received'] == len(body)
	assert models_of(api)['fetched']['status'] == 'unsupported'
