"""The library in SQLite: scans, cached background hashes, default model, rename, delete, VAE, Generate's list."""

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from localai_ui.context import AppContext, build_context
from localai_ui.features.models.hasher import BackgroundHasher
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.settings import Settings
from tests.features.generate_helpers import generate_service, run_to_end, small_request


def sha256_of(path: Path) -> str:
	return hashlib.sha256(path.read_bytes()).hexdigest()


def test_background_hashes_are_autov2_and_cached_across_restarts(
	models_context: AppContext, models_settings: Settings
) -> None:
	hasher = models_context.models.hasher
	hasher.run_once()
	record = models_context.models.library.record('tiny-sd15')
	expected = sha256_of(models_context.settings.models_dir / 'tiny-sd15.safetensors')
	assert record.sha256 == expected and record.autov2 == expected[:10]
	assert hasher.progress.text == 'Hashes are up to date.'
	models_context.close()
	again = build_context(models_settings)
	try:
		assert BackgroundHasher(again.database, again.settings.models_dir).run_once() == 0
		assert again.models.library.record('tiny-sd15').sha256 == expected
	finally:
		again.close()


def test_new_files_appear_missing_are_flagged_changed_are_rehashed(models_context: AppContext) -> None:
	library, folder = models_context.models.library, models_context.settings.models_dir
	models_context.models.hasher.run_once()
	shutil.copy(folder / 'tiny-sd15.safetensors', folder / 'copy.safetensors')
	shutil.copytree(folder / 'tiny-sd15.diffusers', folder / 'copy.diffusers')
	(folder / 'tiny-sdxl.safetensors').unlink()
	(folder / 'half.safetensors.part').write_bytes(b'partial')
	records = {record.name: record for record in library.refresh()}
	assert set(records) == {'copy', 'tiny-sd15', 'tiny-sdxl'}
	assert records['tiny-sdxl'].status == 'missing' and records['copy'].status == 'ok'
	path = folder / 'tiny-sd15.safetensors'
	stat = path.stat()
	os.utime(path, (stat.st_atime, stat.st_mtime + 10))
	assert library.refresh() and library.record('tiny-sd15').sha256 is None
	models_context.models.hasher.run_once()
	assert library.record('tiny-sd15').sha256 == library.record('copy').sha256 == sha256_of(path)
	assert [model.name for model in library.list_models()] == ['copy', 'tiny-sd15']


def test_default_model_drives_generate(models_context: AppContext) -> None:
	library, actions = models_context.models.library, models_context.models.actions
	default = library.default_model()
	assert default is not None and default.name == 'tiny-sd15'
	actions.set_default('tiny-sdxl')
	assert library.record('tiny-sdxl').is_default and not library.record('tiny-sd15').is_default
	service = generate_service(models_context)
	service = type(service)(
		manager=models_context.manager,
		database=models_context.database,
		models_dir=models_context.settings.models_dir,
		outputs_dir=models_context.settings.outputs_dir,
		preview=models_context.preferences.current_preview,
		catalog=library,
	)
	_, finished = run_to_end(service, small_request())
	assert finished.error is None
	assert models_context.manager.loaded_model is not None and models_context.manager.loaded_model.name == 'tiny-sdxl'
	assert library.record('tiny-sdxl').last_used_at is not None


def test_load_unload_rename_and_delete(models_context: AppContext) -> None:
	library, actions, folder = (
		models_context.models.library,
		models_context.models.actions,
		models_context.settings.models_dir,
	)
	actions.load('tiny-sd15')
	assert [model.name for model in actions.in_memory()] == ['tiny-sd15']
	renamed = actions.rename('tiny-sd15', 'Renamed')
	assert renamed.relative_path == 'Renamed.safetensors' and (folder / 'Renamed.diffusers').is_dir()
	assert not (folder / 'tiny-sd15.safetensors').exists() and actions.in_memory() == []
	with pytest.raises(InvalidRequestError, match='already exists'):
		actions.rename('Renamed', 'tiny-sdxl')
	actions.load('Renamed')
	actions.unload('Renamed')
	assert actions.in_memory() == []
	with pytest.raises(InvalidRequestError, match='confirm'):
		actions.delete('Renamed', confirm=False)
	actions.delete('Renamed', confirm=True)
	assert not (folder / 'Renamed.safetensors').exists() and not (folder / 'Renamed.diffusers').exists()
	assert [record.name for record in library.records()] == ['tiny-sdxl']


def test_external_vae_is_used(models_context: AppContext) -> None:
	library, actions = models_context.models.library, models_context.models.actions
	vae_dir = library.vae_dir
	sidecar = models_context.settings.models_dir / 'tiny-sd15.diffusers'
	shutil.copy(models_context.settings.models_dir / 'tiny-sd15.safetensors', vae_dir / 'tiny-vae.safetensors')
	assert library.vae_files() == ['tiny-vae.safetensors']
	actions.set_vae('tiny-sd15', 'tiny-vae.safetensors')
	info = library.info(library.record('tiny-sd15'))
	assert info.vae == vae_dir / 'tiny-vae.safetensors' and info.config_dir == sidecar
	actions.load('tiny-sd15')
	assert actions.in_memory()[0].vae == info.vae
