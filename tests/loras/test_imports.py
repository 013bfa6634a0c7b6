"""LoRAs come in by path, upload or URL only when they read as LoRAs, and never from outside the import folders."""

import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import save

from localai_ui.context import AppContext
from localai_ui.library.imports import AssetImports
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError, LocalAIError
from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError, UnsafePathError
from localai_ui.schemas.loras import LoraDetails, LoraFileError
from localai_ui.services.downloads.jobs import DownloadStatus
from tests.models.http_server import Files, serving

NOT_A_LORA = save({'model.diffusion_model.out.weight': torch.zeros(1)})


def finished(imports: AssetImports[LoraDetails], job_id: str, timeout_s: float = 20.0) -> DownloadStatus:
	deadline = time.monotonic() + timeout_s
	while (status := imports.jobs.status(job_id)).state == 'running':
		assert time.monotonic() < deadline, 'download did not finish'
		time.sleep(0.02)
	return status


def test_import_by_path_copies_or_links_into_the_lora_folder(loras_context: AppContext, lora_dir: Path) -> None:
	imports, folder = loras_context.libraries.loras.imports, loras_context.settings.loras_dir
	source_dir = loras_context.settings.import_dirs[0]
	(source_dir / 'set').mkdir(parents=True)
	(source_dir / 'set' / 'glow.safetensors').write_bytes((lora_dir / 'sdxl_kohya.safetensors').read_bytes())
	record = imports.import_path('set/glow.safetensors')
	assert (record.name, record.family, record.status) == ('glow', Family.SDXL, 'ok')
	assert (folder / 'glow.safetensors').read_bytes() == (lora_dir / 'sdxl_kohya.safetensors').read_bytes()
	with pytest.raises(InvalidRequestError, match='already in the LoRA folder'):
		imports.import_path('set/glow.safetensors')
	(source_dir / 'linked.safetensors').write_bytes((lora_dir / 'sd1_peft.safetensors').read_bytes())
	assert imports.import_path('linked.safetensors', 'link').name == 'linked'
	assert (folder / 'linked.safetensors').stat().st_ino == (source_dir / 'linked.safetensors').stat().st_ino


@pytest.mark.parametrize(
	('source', 'error', 'reason'),
	[
		('../loras/sd1_kohya.safetensors', UnsafePathError, '".." is refused'),
		('/etc/passwd', UnsafePathError, 'absolute paths are refused'),
		('~/x.safetensors', UnsafePathError, 'absolute paths are refused'),
		('nothing.safetensors', UnsafePathError, 'no such file'),
		('folder', InvalidRequestError, 'not a folder'),
		('style.pt', PickleRefusedError, 'pickle'),
		('odd.safetensors', LoraFileError, 'odd.safetensors: not a LoRA'),
	],
)
def test_imports_refused(loras_context: AppContext, source: str, error: type[LocalAIError], reason: str) -> None:
	source_dir = loras_context.settings.import_dirs[0]
	(source_dir / 'folder').mkdir(parents=True)
	(source_dir / 'style.pt').write_bytes(b'\x80\x04')
	(source_dir / 'odd.safetensors').write_bytes(NOT_A_LORA)
	with pytest.raises(error, match=reason):
		loras_context.libraries.loras.imports.import_path(source)
	assert not (loras_context.settings.loras_dir / Path(source).name).exists() or source.startswith('..')


def test_uploads_are_inspected_first(loras_context: AppContext, lora_dir: Path, tmp_path: Path) -> None:
	imports = loras_context.libraries.loras.imports
	upload = tmp_path / 'upload.safetensors'
	upload.write_bytes((lora_dir / 'sd1_ldm.safetensors').read_bytes())
	assert imports.save_upload(upload, 'ink.safetensors').name == 'ink'
	upload.write_bytes(NOT_A_LORA)
	with pytest.raises(LoraFileError, match='not a LoRA'):
		imports.save_upload(upload, 'bad.safetensors')
	with pytest.raises(PickleRefusedError):
		imports.save_upload(upload, 'bad.ckpt')
	with pytest.raises(UnsafePathError):
		imports.save_upload(upload, '..')
	with pytest.raises(ModelFileError, match='only .safetensors'):
		imports.save_upload(upload, 'notes.txt')
	assert sorted(path.name for path in loras_context.settings.loras_dir.glob('bad*')) == []


def test_a_download_appears_once_it_reads_as_a_lora(loras_context: AppContext, lora_dir: Path) -> None:
	imports, library = loras_context.libraries.loras.imports, loras_context.libraries.loras.library
	body = (lora_dir / 'sd1_kohya_b.safetensors').read_bytes()
	with serving(Files({'/ink.safetensors': body, '/junk.safetensors': NOT_A_LORA})) as base:
		done = finished(imports, imports.start_download(f'{base}/ink.safetensors').id)
		failed = finished(imports, imports.start_download(f'{base}/junk.safetensors').id)
	assert done.state == 'done' and library.record('ink').status == 'ok'
	assert failed.state == 'failed' and 'not a LoRA' in (failed.error or '')
	assert not (loras_context.settings.loras_dir / 'junk.safetensors').exists()
	assert not (loras_context.settings.loras_dir / 'junk.safetensors.part').exists()
