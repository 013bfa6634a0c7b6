"""The LoRA library in SQLite: scan with header facts and hashes cached by (size, mtime), search, rename, delete."""

import hashlib
import os
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.database.loras_convert import ScannedLora
from localai_ui.features.loras import library as library_module
from localai_ui.features.loras.scan import LoraFile, scan_file
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.loras import LoraBase, LoraLayout, LoraTag
from localai_ui.services.model_files_errors import UnsafePathError

EVERY_LORA = ['sd1_kohya', 'sd1_kohya_b', 'sd1_ldm', 'sd1_peft', 'sdxl_kohya', 'sdxl_ldm', 'sdxl_peft']


def test_scan_reads_architecture_trigger_words_and_both_hashes(loras_context: AppContext) -> None:
	library = loras_context.loras.library
	records = {record.name: record for record in library.records()}
	assert sorted(records) == EVERY_LORA and all(record.status == 'ok' for record in records.values())
	kohya = records['sd1_kohya']
	assert (kohya.base, kohya.layout, kohya.rank) == (LoraBase.SD1, LoraLayout.KOHYA, 4)
	assert kohya.trigger_words == ('shiny', 'red apple', 'still life')
	assert kohya.metadata['ss_base_model_version'] == 'sd_v1'
	data = library.path_of(kohya).read_bytes()
	header_end = 8 + int.from_bytes(data[:8], 'little')
	assert kohya.sha256 == hashlib.sha256(data).hexdigest() and kohya.autov2 == hashlib.sha256(data).hexdigest()[:10]
	assert kohya.addnet_hash == hashlib.sha256(data[header_end:]).hexdigest()[:12]
	assert records['sdxl_ldm'].base is LoraBase.SDXL and records['sdxl_ldm'].layout is LoraLayout.KOHYA_LDM
	assert records['sd1_peft'].base is LoraBase.UNKNOWN and records['sd1_peft'].cross_attention_dim == 32


def test_unchanged_files_are_not_read_again_and_changed_or_gone_ones_are_noticed(
	loras_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
	library, folder = loras_context.loras.library, loras_context.settings.loras_dir
	opened: list[str] = []

	def counting(file: LoraFile) -> ScannedLora:
		opened.append(file.name)
		return scan_file(file)

	monkeypatch.setattr(library_module, 'scan_file', counting)
	library.refresh()
	assert opened == []
	path = folder / 'sd1_peft.safetensors'
	os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 10))
	(folder / 'sdxl_peft.safetensors').unlink()
	(folder / 'style.ckpt').write_bytes(b'\x80\x04pickle')
	(folder / 'broken.safetensors').write_bytes(b'\x10\x00')
	(folder / 'half.safetensors.part').write_bytes(b'partial')
	records = {record.name: record for record in library.refresh()}
	assert sorted(opened) == ['broken', 'sd1_peft', 'style']
	assert records['sdxl_peft'].status == 'missing'
	assert records['style'].status == 'invalid' and 'pickle' in (records['style'].problem or '')
	assert records['broken'].status == 'invalid' and 'broken.safetensors' in (records['broken'].problem or '')
	assert 'half' not in records
	with pytest.raises(InvalidRequestError, match="'broken' cannot be used: broken.safetensors"):
		library.spec(LoraTag('broken'))


def test_search_matches_names_trigger_words_and_architecture(loras_context: AppContext) -> None:
	library = loras_context.loras.library
	assert [record.name for record in library.search('xl PEFT')] == ['sdxl_peft']
	assert [record.name for record in library.search('still life sd1.x')] == ['sd1_kohya', 'sd1_kohya_b', 'sd1_ldm']
	assert len(library.search('')) == len(EVERY_LORA)


def test_an_unknown_lora_is_refused_with_close_names(loras_context: AppContext) -> None:
	with pytest.raises(InvalidRequestError, match=r"'sd1_koya' is not in .*did you mean sd1_kohya"):
		loras_context.loras.library.spec(LoraTag('sd1_koya'))
	with pytest.raises(InvalidRequestError, match='the LoRAs tab lists the names'):
		loras_context.loras.library.record('zzz')


def test_rename_and_delete_keep_to_the_lora_folder(loras_context: AppContext, tmp_path: Path) -> None:
	library, actions, folder = (
		loras_context.loras.library,
		loras_context.loras.actions,
		loras_context.settings.loras_dir,
	)
	renamed = actions.rename('sd1_kohya', 'ink style')
	assert renamed.relative_path == 'ink style.safetensors' and (folder / 'ink style.safetensors').is_file()
	assert library.spec(LoraTag('ink style', 0.5)).path == folder / 'ink style.safetensors'
	assert [record.name for record in library.refresh()].count('ink style') == 1
	for bad in ('../outside', 'sub/inside', '/etc/passwd', '.hidden', ''):
		with pytest.raises(UnsafePathError):
			actions.rename('sd1_peft', bad)
	with pytest.raises(InvalidRequestError, match='already exists'):
		actions.rename('sd1_peft', 'sdxl_peft')
	with pytest.raises(InvalidRequestError, match='confirm'):
		actions.delete('sd1_peft', confirm=False)
	actions.delete('sd1_peft', confirm=True)
	assert not (folder / 'sd1_peft.safetensors').exists() and library.find('sd1_peft') is None
	assert (tmp_path / 'loras').is_dir()
