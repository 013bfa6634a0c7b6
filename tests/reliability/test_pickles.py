"""No pickle payload ever runs: not on import, upload or download into any library, not from a diffusers folder
(its pickle-only components are refused, and a pickle slipped in after the scan is never loaded), not from an
embedding named in a prompt."""

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import torch
from gradio_client import Client
from gradio_client.exceptions import AppError
from safetensors.torch import load

from localai_ui.schemas.errors import LocalAIError
from tests.e2e.conftest import RunningApp, start_app, stop_app
from tests.e2e.test_api import outputs_of
from tests.models.http_server import Files, serving
from tests.reliability.apps import SMALL, api_client, listed_models, own_settings
from tests.reliability.payloads import payload_ran, raw_payload, zip_payload

PICKLE_NAMES = ('p.ckpt', 'p.pt', 'p.bin', 'p.pth', 'p.safetensors', 'zp.safetensors')


@pytest.fixture
def pickle_app(tmp_path: Path, tiny_models_dir: Path) -> Iterator[RunningApp]:
	imports = tmp_path / 'imports'
	imports.mkdir()
	app = start_app(own_settings(tmp_path, tiny_models_dir, '--import-dir', str(imports)))
	yield app
	stop_app(app)


def write_payloads(folder: Path, marker: Path) -> list[Path]:
	folder.mkdir(parents=True, exist_ok=True)
	for name in PICKLE_NAMES:
		zipped = name.startswith('z') or name.endswith(('.pt', '.ckpt', '.pth'))
		(folder / name).write_bytes(zip_payload(marker) if zipped else raw_payload(marker))
	return [folder / name for name in PICKLE_NAMES]


def test_imports_uploads_and_downloads_of_pickles_are_refused_and_never_run(
	pickle_app: RunningApp, tmp_path: Path
) -> None:
	marker = tmp_path / 'ran'
	sources = write_payloads(pickle_app.context.settings.import_dirs[0], marker)
	libraries = pickle_app.context.libraries
	refused = 0
	for imports in (libraries.checkpoints.imports, libraries.loras.imports, libraries.embeddings.imports):
		refused += sum(_refused(imports.import_path, source.name) for source in sources)
		refused += sum(_refused(imports.save_upload, source, source.name) for source in sources)
	for other in (libraries.vaes.imports, libraries.upscalers.imports):
		refused += sum(_refused(other.import_path, source.name) for source in sources)
		refused += sum(_refused(other.save_upload, source, source.name) for source in sources)
	with serving(Files({'/model.safetensors': raw_payload(marker)})) as base:
		started = libraries.checkpoints.imports.start_download(f'{base}/model.safetensors')
		while (status := libraries.checkpoints.imports.jobs.status(started.id)).state == 'running':
			time.sleep(0.02)
	assert status.state == 'failed' and 'pickle' in str(status.error)
	assert refused == 5 * len(PICKLE_NAMES) * 2 and not payload_ran(marker)
	assert list(libraries.checkpoints.library.root.glob('model.safetensors*')) == []


def test_a_pickle_in_a_diffusers_folder_is_never_loaded(pickle_app: RunningApp, tmp_path: Path) -> None:
	marker = tmp_path / 'ran'
	models = pickle_app.context.settings.models_dir
	shutil.copytree(models / 'tiny-sd15', models / 'old-pickles')
	unet = models / 'old-pickles' / 'unet'
	(unet / 'diffusion_pytorch_model.safetensors').unlink()
	(unet / 'diffusion_pytorch_model.bin').write_bytes(raw_payload(marker))
	shutil.copytree(models / 'tiny-sd15', models / 'late')
	client = api_client(pickle_app.url)
	listed = listed_models(client)
	assert listed['old-pickles']['status'] == 'unsupported' and 'pickle' in str(listed['old-pickles']['problem'])
	assert listed['late']['status'] == 'ok'
	# After the scan, the safetensors of `late` is swapped for a loadable pickle: it must never be opened.
	encoder = models / 'late' / 'text_encoder'
	state = load((encoder / 'model.safetensors').read_bytes())
	(encoder / 'model.safetensors').unlink()
	torch.save(state, encoder / 'pytorch_model.bin')
	with pytest.raises(AppError, match='late'):
		client.predict(prompt='x', model='late', api_name='/generate', **SMALL)
	with pytest.raises(AppError, match='old-pickles'):
		client.predict(prompt='x', model='old-pickles', api_name='/generate', **SMALL)
	assert not payload_ran(marker)
	_still_runs(client)


def test_a_pickle_embedding_named_in_a_prompt_never_runs(pickle_app: RunningApp, tmp_path: Path) -> None:
	marker = tmp_path / 'ran'
	write_payloads(pickle_app.context.settings.embeddings_dir, marker)
	client = api_client(pickle_app.url)
	pickle_app.context.libraries.embeddings.library.refresh(full=True)
	client.predict(prompt='a photo of p zp', api_name='/generate', **SMALL)
	assert not payload_ran(marker)


def _refused(call: Callable[..., object], *values: object) -> bool:
	try:
		call(*values)
	except LocalAIError:
		return True
	return False


def _still_runs(client: Client) -> None:
	outputs = outputs_of(client.predict(prompt='still fine', api_name='/generate', **SMALL))
	assert str(outputs[3]).endswith('.png')
