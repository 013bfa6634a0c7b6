"""Every malformed file gives a clear error naming the file and the reason, and leaves the library unchanged."""

import pickle
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.library.kinds.checkpoints import CheckpointKind
from localai_ui.library.scan import scan_entry
from localai_ui.library.walk import Entry
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError
from localai_ui.services.safetensors.header import read_header
from tests.models.bad_files import BAD_FILES, valid


@pytest.mark.parametrize('kind', list(BAD_FILES))
def test_import_refuses_it_and_the_library_is_unchanged(models_context: AppContext, kind: str) -> None:
	write, reason = BAD_FILES[kind]
	import_dir = models_context.settings.import_dirs[0]
	write(import_dir / 'suspect.safetensors')
	shelf = models_context.libraries.checkpoints
	before = shelf.library.records()
	with pytest.raises(LocalAIError, match=reason) as caught:
		shelf.imports.import_path('suspect.safetensors')
		models_context.libraries.catalog.info(shelf.library.record('suspect'))  # imported, listed as unsupported
	assert 'suspect' in str(caught.value)
	assert kind == 'unknown architecture' or shelf.library.records() == before


@pytest.mark.parametrize('kind', [kind for kind in BAD_FILES if kind != 'unknown architecture'])
def test_scan_lists_it_with_the_reason_and_upload_refuses_it(
	models_context: AppContext, tmp_path: Path, kind: str
) -> None:
	write, reason = BAD_FILES[kind]
	upload = tmp_path / 'upload.safetensors'
	write(upload)
	shelf = models_context.libraries.checkpoints
	with pytest.raises(ModelFileError, match=reason):
		shelf.imports.save_upload(upload, 'bad.safetensors')
	write(models_context.settings.models_dir / 'dropped.safetensors')
	shelf.library.refresh()
	record = shelf.library.record('dropped')
	assert record.status in ('invalid', 'unsupported') and reason.lower() in record.reason.lower()
	assert [model.name for model in models_context.libraries.catalog.list_models()] == ['tiny-sd15', 'tiny-sdxl']


class _Payload:
	"""Unpickling this creates `marker`: proof that something ran the pickle."""

	def __init__(self, marker: Path) -> None:
		self.marker = marker

	def __reduce__(self) -> tuple[object, tuple[Path]]:
		return (Path.touch, (self.marker,))


@pytest.mark.parametrize('suffix', ['.ckpt', '.pt', '.pth', '.bin', '.safetensors'])
def test_pickles_are_refused_without_running_their_payload(models_context: AppContext, suffix: str) -> None:
	marker = models_context.settings.data_dir / 'payload-ran'
	path = models_context.settings.models_dir / f'evil{suffix}'
	path.write_bytes(pickle.dumps(_Payload(marker)))
	with pytest.raises(PickleRefusedError, match=f'evil{suffix}: pickle checkpoints .* convert it to .safetensors'):
		read_header(path)
	scanned = scan_entry(CheckpointKind(), Entry(path.name, path, 'pickle', 1, 0.0))
	assert scanned.status == 'unsupported' and 'pickle' in str(scanned.problem)
	record = next(record for record in models_context.libraries.checkpoints.library.refresh() if record.name == 'evil')
	assert record.status == 'unsupported'
	with pytest.raises(LocalAIError, match='pickle'):
		models_context.models.load('evil')
	assert not marker.exists()


def test_a_valid_header_is_read_with_its_metadata(tmp_path: Path) -> None:
	path = tmp_path / 'weights.safetensors'
	valid(path)
	header = read_header(path)
	assert header.metadata == {'ss_network_dim': '8'}
	assert header.tensors['weight'].shape == (4, 4) and header.tensors['weight'].dtype == 'F32'
