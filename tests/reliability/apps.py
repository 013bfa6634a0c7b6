"""The real app on a models folder of its own (tiny-sd15) with one good LoRA, so tests may spoil every folder."""

import shutil
from dataclasses import replace
from pathlib import Path

from gradio_client import Client

from localai_ui.library.shelves import Libraries
from localai_ui.services.png_info.common import as_dict, as_list
from localai_ui.settings import Settings, settings_for
from tests.e2e.conftest import free_port
from tests.loras.lora_builders import kohya_lora, kohya_metadata, write_lora
from tests.reliability.tally import ScannedLibrary
from tests.server.echo_app import PASSWORD, USER
from tests.tiny_models import build_sd1

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 2}
GOOD_LORA = 'good_lora'
LAN_TEST_BIND = '127.0.0.2'  # loopback, but not the default bind: serve_options turns LAN mode on


def own_settings(root: Path, tiny_models_dir: Path, *flags: str) -> Settings:
	"""Settings over `root/data` holding a copy of tiny-sd15 and a LoRA for it; a free port."""
	data = root / 'data'
	models = data / 'models'
	models.mkdir(parents=True, exist_ok=True)
	shutil.copytree(tiny_models_dir / 'tiny-sd15', models / 'tiny-sd15', dirs_exist_ok=True)
	loras = data / 'loras'
	loras.mkdir(exist_ok=True)
	write_lora(loras / f'{GOOD_LORA}.safetensors', kohya_lora(build_sd1(), seed=1), kohya_metadata('sd_v1'))
	settings = settings_for(['--data-dir', str(data), '--device', 'cpu', '--ram-cache-gb', '1', *flags])
	return replace(settings, port=free_port())


def lan_settings(root: Path, tiny_models_dir: Path) -> Settings:
	"""`--listen --auth USER:PASSWORD` as a LAN user starts it, bound to 127.0.0.2 so tests stay on this machine."""
	settings = own_settings(root, tiny_models_dir, '--listen', '--auth', f'{USER}:{PASSWORD}')
	return replace(settings, host=LAN_TEST_BIND)


def library_folders(libraries: Libraries) -> dict[str, ScannedLibrary]:
	"""Every library by the folder it scans."""
	return {
		'models': libraries.checkpoints.library,
		'loras': libraries.loras.library,
		'embeddings': libraries.embeddings.library,
		'vae': libraries.vaes.library,
		'upscalers': libraries.upscalers.library,
	}


def api_client(url: str) -> Client:
	return Client(url, analytics_enabled=False, verbose=False)


def listed_models(client: Client, *, refresh: bool = True) -> dict[str, dict[str, object]]:
	"""/list_models as name -> row."""
	rows = [as_dict(item) for item in as_list(client.predict(refresh=refresh, api_name='/list_models'))]
	return {str(row['name']): row for row in rows}
