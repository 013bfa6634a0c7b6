"""Diffusers folders in the models folder: SD1 and SDXL found and sorted, anything else listed with its reason."""

import json
from pathlib import Path

import pytest

from localai_ui.library.kinds.checkpoints import CheckpointKind
from localai_ui.library.scan import scan_entry
from localai_ui.library.walk import walk_folder
from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.services.checkpoint_files.folder import folder_family

KIND = CheckpointKind()


def _model(root: Path, name: str, class_name: str) -> Path:
	folder = root / name
	folder.mkdir(parents=True)
	(folder / 'model_index.json').write_text(json.dumps({'_class_name': class_name, '_diffusers_version': '0.42.1'}))
	return folder


def test_finds_sd1_and_sdxl_sorted_case_insensitively(tmp_path: Path) -> None:
	_model(tmp_path, 'beta-xl', 'StableDiffusionXLPipeline')
	_model(tmp_path, 'Alpha', 'StableDiffusionPipeline')
	_model(tmp_path, 'zeta', 'StableDiffusionPipeline')
	scanned = [scan_entry(KIND, entry) for entry in walk_folder(tmp_path, KIND)]
	assert [(item.name, item.family, item.format, item.status) for item in scanned] == [
		('Alpha', Family.SD1, 'diffusers', 'ok'),
		('beta-xl', Family.SDXL, 'diffusers', 'ok'),
		('zeta', Family.SD1, 'diffusers', 'ok'),
	]


@pytest.mark.parametrize(
	('content', 'reason'),
	[
		('{"_class_name": "StableDiffusionImg2ImgPipeline"}', 'not an SD1 or SDXL text-to-image pipeline'),
		('{"_class_name": "FluxPipeline"}', 'not an SD1 or SDXL'),
		('{"_class_name": ["StableDiffusionPipeline"]}', 'not an SD1 or SDXL'),
		('{}', 'not an SD1 or SDXL'),
		('{"_class_name": "StableDiffusionPipeline"', 'cannot be read'),
		('["StableDiffusionPipeline"]', 'cannot be read'),
		('', 'cannot be read'),
	],
)
def test_other_or_broken_folders_are_listed_with_the_reason(tmp_path: Path, content: str, reason: str) -> None:
	_model(tmp_path, 'good', 'StableDiffusionPipeline')
	bad = tmp_path / 'bad'
	bad.mkdir()
	(bad / 'model_index.json').write_text(content)
	with pytest.raises(ModelFileError, match=reason):
		folder_family(bad)
	scanned = {item.name: item for item in (scan_entry(KIND, entry) for entry in walk_folder(tmp_path, KIND))}
	assert scanned['good'].status == 'ok' and scanned['bad'].status in ('invalid', 'unsupported')
	assert reason in str(scanned['bad'].problem)


def test_a_folder_whose_weights_are_only_pickles_is_refused(tmp_path: Path) -> None:
	folder = _model(tmp_path, 'old', 'StableDiffusionPipeline')
	(folder / 'unet').mkdir()
	(folder / 'unet' / 'diffusion_pytorch_model.bin').write_bytes(b'\x80\x04pickle')
	(folder / 'vae').mkdir()
	(folder / 'vae' / 'diffusion_pytorch_model.bin').write_bytes(b'\x80\x04pickle')
	(folder / 'vae' / 'diffusion_pytorch_model.safetensors').write_bytes(b'weights')
	(scanned,) = [scan_entry(KIND, entry) for entry in walk_folder(tmp_path, KIND)]
	assert scanned.status == 'unsupported' and 'old/unet/diffusion_pytorch_model.bin' in str(scanned.problem)


def test_stray_files_and_folders_without_an_index_are_skipped(tmp_path: Path) -> None:
	(tmp_path / 'notes.txt').write_bytes(b'not a model')
	(tmp_path / 'empty').mkdir()
	(tmp_path / 'index-is-a-folder' / 'model_index.json').mkdir(parents=True)
	assert walk_folder(tmp_path, KIND) == []


def test_missing_models_folder_gives_an_empty_list(tmp_path: Path) -> None:
	assert walk_folder(tmp_path / 'missing', KIND) == []
	(tmp_path / 'a-file').write_text('x')
	assert walk_folder(tmp_path / 'a-file', KIND) == []


def test_parse_json_object_reads_objects() -> None:
	assert parse_json_object(b'{"a": 1, "b": [true]}') == {'a': 1, 'b': [True]}
	assert parse_json_object('{}') == {}


@pytest.mark.parametrize('text', ['[1, 2]', '"text"', '3', 'null', '{"a": 1', 'not json', ''])
def test_parse_json_object_rejects_everything_else(text: str) -> None:
	with pytest.raises(ValueError):
		parse_json_object(text)
