"""The upscalers folder is a kind of the asset library: every file identified by spandrel (architecture, scale) or
listed with the reason it cannot be used; the folder comes from --upscalers-dir (A1111's models/ESRGAN works)."""

from dataclasses import replace
from pathlib import Path

import pytest

from localai_ui.engine.build import read_upscaler
from localai_ui.library.kinds.upscalers import UpscalerKind, find_upscaler
from localai_ui.schemas.assets import AssetKind, UnknownAssetError
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.upscalers import UpscalerFileError
from localai_ui.settings import Settings, settings_for
from tests.contexts import ready_context
from tests.upscale.upscaler_folder import add_bad_upscalers, add_good_upscalers


def test_the_folder_defaults_to_the_data_folder_and_can_point_at_a1111(tmp_path: Path) -> None:
	data = tmp_path / 'data'
	assert settings_for(['--data-dir', str(data)]).upscalers_dir == data.resolve() / 'upscalers'
	esrgan = tmp_path / 'webui' / 'models' / 'ESRGAN'
	assert settings_for(['--upscalers-dir', str(esrgan)]).upscalers_dir == esrgan.resolve()


def test_every_file_is_identified_or_refused_with_its_reason(settings: Settings, tmp_path: Path) -> None:
	folder = tmp_path / 'ESRGAN'
	marker = tmp_path / 'payload-ran'
	add_good_upscalers(folder)
	add_bad_upscalers(folder, marker)
	context = ready_context(replace(settings, upscalers_dir=folder))
	try:
		library = context.libraries.upscalers.library
		assert library.kind is AssetKind.UPSCALER
		records = {record.relative_path: record for record in library.records()}
		assert sorted(records) == [
			'compact-x2.safetensors',
			'esrgan-x2.pth',
			'old.ckpt',
			'payload.pth',
			'truncated.pth',
			'truncated.safetensors',
			'unknown.safetensors',
		]
		usable = {record.name: record.details for record in library.usable()}
		assert set(usable) == {'compact-x2', 'esrgan-x2'}
		compact, esrgan = usable['compact-x2'], usable['esrgan-x2']
		assert compact is not None and (compact.architecture, compact.scale, compact.format) == (
			'RealESRGAN Compact',
			2,
			'safetensors',
		)
		assert esrgan is not None and (esrgan.architecture, esrgan.scale, esrgan.format) == ('ESRGAN', 2, 'pth')
		reasons = {path: record.reason for path, record in records.items() if not record.usable}
		assert 'spandrel does not recognise it' in reasons['unknown.safetensors']
		assert 'truncated' in reasons['truncated.safetensors'].lower()
		assert 'truncated or damaged' in reasons['truncated.pth']
		assert 'nothing in it was run' in reasons['payload.pth'] and not marker.exists()
		assert 'old.ckpt' in reasons['old.ckpt'] and 'notes.txt' not in reasons
		assert records['unknown.safetensors'].status == records['old.ckpt'].status == 'unsupported'
	finally:
		context.close()


def test_names_resolve_to_usable_files_and_refused_ones_say_why(settings: Settings, tmp_path: Path) -> None:
	folder = tmp_path / 'upscalers'
	add_good_upscalers(folder)
	add_bad_upscalers(folder, tmp_path / 'marker')
	context = ready_context(replace(settings, upscalers_dir=folder))
	try:
		library = context.libraries.upscalers.library
		info = find_upscaler(library, 'esrgan-x2', ['Lanczos'])
		assert (info.path, info.architecture, info.scale) == (folder / 'esrgan-x2.pth', 'ESRGAN', 2)
		with pytest.raises(UnknownAssetError, match=r"unknown upscaler 'nope'; choose one of: Lanczos, compact-x2"):
			find_upscaler(library, 'nope', ['Lanczos', 'compact-x2'])
		with pytest.raises(
			InvalidRequestError, match=r"upscaler 'unknown' cannot be used: unknown.safetensors: spandrel"
		):
			find_upscaler(library, 'unknown', ['Lanczos'])
	finally:
		context.close()


def test_imports_take_upscalers_and_refuse_what_the_scan_refuses(tmp_path: Path) -> None:
	add_good_upscalers(tmp_path / 'good')
	add_bad_upscalers(tmp_path / 'bad', tmp_path / 'marker')
	kind = UpscalerKind(read_upscaler)
	kind.validate(tmp_path / 'good' / 'compact-x2.safetensors')
	kind.validate(tmp_path / 'good' / 'esrgan-x2.pth')
	for name, reason in [
		('unknown.safetensors', 'does not recognise'),
		('truncated.pth', 'truncated'),
		('payload.pth', 'nothing in it was run'),
		('old.ckpt', 'upscalers are .safetensors, .pth or .pt'),
	]:
		with pytest.raises(UpscalerFileError, match=reason):
			kind.validate(tmp_path / 'bad' / name)
