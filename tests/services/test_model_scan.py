"""The model list shows SD1 and SDXL diffusers folders, sorted by name, and skips anything else."""

import json
from pathlib import Path

import pytest

from localai_ui.schemas.models import Architecture, ModelInfo
from localai_ui.services.json_objects import parse_json_object
from localai_ui.services.model_scan import read_model_folder, scan_models


def _model(root: Path, name: str, class_name: str) -> Path:
	folder = root / name
	folder.mkdir(parents=True)
	(folder / 'model_index.json').write_text(json.dumps({'_class_name': class_name, '_diffusers_version': '0.42.1'}))
	return folder


def test_finds_sd1_and_sdxl_sorted_case_insensitively(tmp_path: Path) -> None:
	sdxl = _model(tmp_path, 'beta-xl', 'StableDiffusionXLPipeline')
	sd1 = _model(tmp_path, 'Alpha', 'StableDiffusionPipeline')
	late = _model(tmp_path, 'zeta', 'StableDiffusionPipeline')
	assert scan_models(tmp_path) == [
		ModelInfo(name='Alpha', path=sd1, architecture=Architecture.SD1),
		ModelInfo(name='beta-xl', path=sdxl, architecture=Architecture.SDXL),
		ModelInfo(name='zeta', path=late, architecture=Architecture.SD1),
	]


@pytest.mark.parametrize(
	'content',
	[
		'{"_class_name": "StableDiffusionImg2ImgPipeline"}',
		'{"_class_name": "FluxPipeline"}',
		'{"_class_name": ["StableDiffusionPipeline"]}',
		'{}',
		'{"_class_name": "StableDiffusionPipeline"',
		'["StableDiffusionPipeline"]',
		'',
	],
)
def test_other_or_broken_folders_are_skipped(tmp_path: Path, content: str) -> None:
	good = _model(tmp_path, 'good', 'StableDiffusionPipeline')
	bad = tmp_path / 'bad'
	bad.mkdir()
	(bad / 'model_index.json').write_text(content)
	assert read_model_folder(bad) is None
	assert [info.path for info in scan_models(tmp_path)] == [good]


def test_stray_files_and_folders_without_an_index_are_skipped(tmp_path: Path) -> None:
	(tmp_path / 'model.safetensors').write_bytes(b'not a folder')
	(tmp_path / 'empty').mkdir()
	(tmp_path / 'index-is-a-folder' / 'model_index.json').mkdir(parents=True)
	assert scan_models(tmp_path) == []


def test_missing_models_folder_gives_an_empty_list(tmp_path: Path) -> None:
	assert scan_models(tmp_path / 'missing') == []
	(tmp_path / 'a-file').write_text('x')
	assert scan_models(tmp_path / 'a-file') == []


def test_parse_json_object_reads_objects() -> None:
	assert parse_json_object(b'{"a": 1, "b": [true]}') == {'a': 1, 'b': [True]}
	assert parse_json_object('{}') == {}


@pytest.mark.parametrize('text', ['[1, 2]', '"text"', '3', 'null', '{"a": 1', 'not json', ''])
def test_parse_json_object_rejects_everything_else(text: str) -> None:
	with pytest.raises(ValueError):
		parse_json_object(text)
