"""Checkpoints in the one asset library: scans, cached background hashes, default model, rename, delete, VAE,
and Generate's list."""

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from localai_ui.context import AppContext, build_context
from localai_ui.engine.build import manager_of
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.settings import Settings
from tests.conftest import wait_for_hashes
from tests.features.generate_helpers import run_to_end, small_request


def sha256_of(path: Path) -> str:
	return hashlib.sha256(path.read_bytes()).hexdigest()


def test_background_hashes_are_autov2_and_cached_across_restarts(
	models_context: AppContext, models_settings: Settings
) -> None:
	hasher = models_context.libraries.hasher
	record = models_context.libraries.checkpoints.library.record('tiny-sd15')
	expected = sha256_of(models_context.settings.models_dir / 'tiny-sd15.safetensors')
	assert record.row.sha256 == expected and record.row.autov2 == expected[:10]
	assert hasher.progress.text == 'Hashes are up to date.'
	models_context.close()
	again = build_context(models_settings)
	try:
		assert again.libraries.hasher.pending() == []
		assert again.libraries.hasher.run_once() == 0
		assert again.libraries.checkpoints.library.record('tiny-sd15').row.sha256 == expected
	finally:
		again.close()


def test_new_files_appear_missing_are_flagged_changed_are_rehashed(models_context: AppContext) -> None:
	library, folder = models_context.libraries.checkpoints.library, models_context.settings.models_dir
	shutil.copy(folder / 'tiny-sd15.safetensors', folder / 'copy.safetensors')
	shutil.copytree(folder / 'tiny-sd15.diffusers', folder / 'copy.diffusers')
	(folder / 'tiny-sdxl.safetensors').unlink()
	(folder / 'half.safetensors.part').write_bytes(b'partial')
	records = {record.name: record for record in library.refresh()}
	assert set(records) == {'copy', 'tiny-sd15', 'tiny-sdxl'}
	assert records['tiny-sdxl'].status == 'missing' and records['copy'].status == 'ok'
	hasher = models_context.libraries.hasher
	wait_for_hashes(models_context)
	hashed_before = hasher.hashed
	path = folder / 'tiny-sd15.safetensors'
	stat = path.stat()
	os.utime(path, (stat.st_atime, stat.st_mtime + 10))
	assert library.refresh()
	wait_for_hashes(models_context)
	deadline = time.monotonic() + 30
	while hasher.hashed < hashed_before + 1 and time.monotonic() < deadline:
		time.sleep(0.02)
	assert hasher.hashed == hashed_before + 1, 'the changed file alone is hashed again'
	assert library.record('tiny-sd15').row.mtime == path.stat().st_mtime
	assert library.record('tiny-sd15').row.sha256 == library.record('copy').row.sha256 == sha256_of(path)
	assert [model.name for model in models_context.libraries.catalog.list_models()] == ['copy', 'tiny-sd15']


def test_default_model_drives_generate(models_context: AppContext) -> None:
	shelf, catalog = models_context.libraries.checkpoints, models_context.libraries.catalog
	assert catalog.default_name() == 'tiny-sd15'
	shelf.edits.set_default('tiny-sdxl')
	assert shelf.library.record('tiny-sdxl').row.is_default and not shelf.library.record('tiny-sd15').row.is_default
	assert catalog.default_name() == 'tiny-sdxl'
	_, finished = run_to_end(models_context.generate, small_request())
	assert finished.error is None
	loaded = manager_of(models_context.engine).loaded_model
	assert loaded is not None and loaded.name == 'tiny-sdxl'
	assert shelf.library.record('tiny-sdxl').row.last_used_at is not None


def test_a_model_that_cannot_load_cannot_be_the_default(models_context: AppContext) -> None:
	folder = models_context.settings.models_dir
	(folder / 'broken.safetensors').write_bytes(b'\x10\x00')
	models_context.libraries.checkpoints.library.refresh()
	with pytest.raises(InvalidRequestError, match='broken cannot be the default'):
		models_context.libraries.checkpoints.edits.set_default('broken')


def test_load_unload_rename_and_delete(models_context: AppContext) -> None:
	library, actions = models_context.libraries.checkpoints.library, models_context.models
	folder = models_context.settings.models_dir
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


def test_external_vae_is_used_and_nothing_is_written_into_the_models_folder(models_context: AppContext) -> None:
	libraries, actions = models_context.libraries, models_context.models
	models_dir, vae_dir = models_context.settings.models_dir, models_context.settings.vaes_dir
	assert not (models_dir / 'VAE').exists() and vae_dir.parent == models_context.settings.data_dir
	sidecar = models_dir / 'tiny-sd15.diffusers'
	shutil.copy(models_dir / 'tiny-sd15.safetensors', vae_dir / 'tiny-vae.safetensors')
	(vae_dir / 'not-a-vae.safetensors').write_bytes((models_dir / 'tiny-sdxl.safetensors').read_bytes()[:64])
	libraries.vaes.library.refresh()
	assert [record.name for record in libraries.vaes.library.usable()] == ['tiny-vae.safetensors']
	actions.set_vae('tiny-sd15', 'tiny-vae.safetensors')
	info = libraries.catalog.info(libraries.checkpoints.library.record('tiny-sd15'))
	assert info.vae == vae_dir / 'tiny-vae.safetensors' and info.config_dir == sidecar
	with pytest.raises(InvalidRequestError, match='not-a-vae.safetensors cannot be used'):
		actions.set_vae('tiny-sd15', 'not-a-vae.safetensors')
	actions.load('tiny-sd15')
	assert actions.in_memory()[0].vae == info.vae
