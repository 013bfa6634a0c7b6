"""The LoRA endpoints through gradio_client against the real app, and /generate with a <lora:...> tag."""

import shutil
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app
from tests.loras.conftest import lora_dir, loras_settings

__all__ = ['lora_dir', 'loras_settings']
Json = dict[str, object]


@pytest.fixture
def loras_app(loras_settings: Settings) -> Iterator[RunningApp]:
	app = start_app(replace(loras_settings, port=free_port()))
	yield app
	stop_app(app)


@pytest.fixture
def api(loras_app: RunningApp) -> Client:
	return Client(loras_app.url, analytics_enabled=False, verbose=False)


def names(api: Client, search: str = '') -> list[str]:
	return [str(lora['name']) for lora in cast(list[Json], api.predict(search=search, api_name='/list_loras'))]


def test_list_import_generate_and_delete(api: Client, loras_app: RunningApp, lora_dir: Path) -> None:
	listed = {str(lora['name']): lora for lora in cast(list[Json], api.predict(api_name='/list_loras'))}
	kohya = listed['sd1_kohya']
	assert kohya['architecture'] == 'sd1' and kohya['tag'] == '<lora:sd1_kohya:1>'
	assert kohya['trigger_words'] == ['shiny', 'red apple', 'still life'] and len(str(kohya['addnet_hash'])) == 12
	assert names(api, 'sdxl peft') == ['sdxl_peft']
	settings = loras_app.context.settings
	import_dir = settings.import_dirs[0]
	import_dir.mkdir(parents=True, exist_ok=True)
	shutil.copy(lora_dir / 'sd1_peft.safetensors', import_dir / 'glow.safetensors')
	imported = cast(Json, api.predict(source='glow.safetensors', api_name='/import_lora'))
	assert imported['name'] == 'glow' and (settings.loras_dir / 'glow.safetensors').is_file()
	result = cast(
		tuple[object, ...],
		api.predict(
			prompt='a cat <lora:glow:0.7>', model='tiny-sd15', width=64, height=64, steps=2, api_name='/generate'
		),
	)
	assert str(result[1]).startswith('a cat <lora:glow:0.7>\n') and 'Lora hashes: "glow: ' in str(result[1])
	with pytest.raises(AppError, match='confirm'):
		api.predict(name='glow', api_name='/delete_lora')
	left = cast(list[Json], api.predict(name='glow', confirm=True, api_name='/delete_lora'))
	assert 'glow' not in [lora['name'] for lora in left] and not (settings.loras_dir / 'glow.safetensors').exists()


def test_refusals_reach_the_caller_as_messages(api: Client) -> None:
	with pytest.raises(AppError, match=r'made for SDXL .* "tiny-sd15" is SD 1\.x'):
		api.predict(prompt='a cat <lora:sdxl_kohya:1>', model='tiny-sd15', width=64, height=64, api_name='/generate')
	with pytest.raises(AppError, match=r'".." is refused'):
		api.predict(source='../loras/sd1_kohya.safetensors', api_name='/import_lora')
	with pytest.raises(AppError, match='absolute paths are refused'):
		api.predict(source='/etc/passwd', api_name='/import_lora')
	with pytest.raises(AppError, match='is not in the LoRA folder'):
		api.predict(name='../sd1_kohya', confirm=True, api_name='/delete_lora')
	download = cast(Json, api.predict(source='http://127.0.0.1:9/x.safetensors', api_name='/import_lora'))
	assert download['name'] == 'x.safetensors'
	status = download
	deadline = time.monotonic() + 20
	while status['state'] == 'running':
		assert time.monotonic() < deadline
		status = cast(Json, api.predict(download_id=str(download['id']), api_name='/lora_download_status'))
	assert status['id'] == download['id'] and status['state'] == 'failed'
	assert 'the server 127.0.0.1:9 could not be reached' in str(status['error'])
	assert 'resume' not in str(status['error'])
	cancelled = cast(Json, api.predict(download_id=str(download['id']), api_name='/cancel_lora_download'))
	assert cancelled['id'] == download['id']
