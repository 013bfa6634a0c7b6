"""One odd entry in a library folder never stops a scan: each is listed with its reason and never opened."""

import os
import struct
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.library.kinds.loras import LoraKind
from localai_ui.library.scan import scan_entry
from localai_ui.library.walk import walk_folder
from tests.loras.conftest import lora_dir, loras_context, loras_settings

__all__ = ['lora_dir', 'loras_context', 'loras_settings']


def nested_header(depth: int) -> bytes:
	raw = b'[' * depth + b']' * depth
	return struct.pack('<Q', len(raw)) + raw


def odd_entries(folder: Path) -> None:
	"""A nested header, a dangling link, a loop, a FIFO, a non-UTF-8 name and a link to the root of the disk."""
	(folder / 'nested.safetensors').write_bytes(nested_header(1100))
	os.symlink(folder / 'gone' / 'x.safetensors', folder / 'dangling.safetensors')
	os.symlink(folder / 'loop-b.safetensors', folder / 'loop-a.safetensors')
	os.symlink(folder / 'loop-a.safetensors', folder / 'loop-b.safetensors')
	os.mkfifo(folder / 'pipe.safetensors')
	(folder / os.fsdecode(b'caf\xe9.safetensors')).write_bytes(b'x')
	os.symlink('/', folder / 'root-of-disk')


@pytest.mark.timeout(60)
def test_every_odd_entry_is_listed_with_its_reason(tmp_path: Path) -> None:
	odd_entries(tmp_path)
	kind = LoraKind()
	scanned = {item.relative_path: item for item in (scan_entry(kind, entry) for entry in walk_folder(tmp_path, kind))}
	reasons = {path: str(item.problem) for path, item in scanned.items()}
	assert scanned['nested.safetensors'].status == 'invalid' and 'nests too deeply' in reasons['nested.safetensors']
	assert 'does not exist' in reasons['dangling.safetensors']
	assert 'loops back' in reasons['loop-a.safetensors'] and 'loops back' in reasons['loop-b.safetensors']
	assert 'not a regular file' in reasons['pipe.safetensors']
	assert 'not valid UTF-8' in reasons['caf\\xe9.safetensors']
	assert not any(path.startswith('root-of-disk') for path in scanned)


@pytest.mark.timeout(60)
def test_the_app_starts_and_runs_with_odd_entries_in_every_folder(loras_context: AppContext) -> None:
	settings = loras_context.settings
	for folder in (settings.models_dir, settings.loras_dir, settings.embeddings_dir, settings.vaes_dir):
		folder.mkdir(parents=True, exist_ok=True)
	odd_entries(settings.loras_dir)
	odd_entries(settings.embeddings_dir)
	libraries = loras_context.libraries
	loras = {record.name: record for record in libraries.loras.library.refresh()}
	assert loras['sd1_kohya'].usable and not loras['pipe'].usable
	assert all(not record.usable for record in libraries.embeddings.library.refresh())
	assert [model.name for model in libraries.catalog.list_models()] == ['tiny-sd15', 'tiny-sdxl']
