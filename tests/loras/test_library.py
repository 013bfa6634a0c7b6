"""LoRAs in the one asset library: scan with header facts, hashes in the background cached by (size, mtime), search,
rename, delete, and tags resolved to files before a run."""

import hashlib
import os
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.features.generate.loras import LibraryLoras
from localai_ui.library import library as library_module
from localai_ui.library.kind import KindSpec
from localai_ui.library.scan import scan_entry
from localai_ui.library.walk import Entry
from localai_ui.schemas.assets import Family, ScannedAsset
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.file_errors import UnsafePathError
from localai_ui.schemas.loras import LoraDetails, LoraLayout, LoraTag
from tests.conftest import wait_for_hashes

EVERY_LORA = ['sd1_kohya', 'sd1_kohya_b', 'sd1_ldm', 'sd1_peft', 'sdxl_kohya', 'sdxl_ldm', 'sdxl_peft']


def resolver(context: AppContext) -> LibraryLoras:
	return LibraryLoras(context.libraries.loras.library, context.libraries.hasher)


def test_scan_reads_family_trigger_words_and_both_hashes(loras_context: AppContext) -> None:
	wait_for_hashes(loras_context)
	library = loras_context.libraries.loras.library
	records = {record.name: record for record in library.records()}
	assert sorted(records) == EVERY_LORA and all(record.usable for record in records.values())
	kohya = records['sd1_kohya']
	assert kohya.details is not None
	assert (kohya.family, kohya.details.layout, kohya.details.rank) == (Family.SD1, LoraLayout.KOHYA, 4)
	assert kohya.details.trigger_words == ('shiny', 'red apple', 'still life')
	assert kohya.row.metadata['ss_base_model_version'] == 'sd_v1'
	data = library.path_of(kohya).read_bytes()
	header_end = 8 + int.from_bytes(data[:8], 'little')
	digest = hashlib.sha256(data).hexdigest()
	assert kohya.row.sha256 == digest and kohya.row.autov2 == digest[:10]
	assert kohya.row.addnet_hash == hashlib.sha256(data[header_end:]).hexdigest()[:12]
	sdxl_ldm, sd1_peft = records['sdxl_ldm'], records['sd1_peft']
	assert sdxl_ldm.family is Family.SDXL and sdxl_ldm.details and sdxl_ldm.details.layout is LoraLayout.KOHYA_LDM
	assert sd1_peft.family is Family.UNKNOWN and sd1_peft.details and sd1_peft.details.cross_attention_dim == 32


def test_a_run_hashes_a_lora_the_background_has_not_reached(loras_context: AppContext) -> None:
	library = loras_context.libraries.loras.library
	loras_context.libraries.hasher.close()
	folder = loras_context.settings.loras_dir
	(folder / 'fresh.safetensors').write_bytes((folder / 'sd1_kohya.safetensors').read_bytes())
	assert library.refresh() and library.record('fresh').row.addnet_hash is None
	spec = resolver(loras_context).spec(LoraTag('fresh', 0.5))
	data = (folder / 'fresh.safetensors').read_bytes()
	expected = hashlib.sha256(data[8 + int.from_bytes(data[:8], 'little') :]).hexdigest()[:12]
	assert spec.addnet_hash == expected == library.record('fresh').row.addnet_hash


def test_unchanged_files_are_not_read_again_and_changed_or_gone_ones_are_noticed(
	loras_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
	library, folder = loras_context.libraries.loras.library, loras_context.settings.loras_dir
	opened: list[str] = []

	def counting(spec: KindSpec[LoraDetails], entry: Entry) -> ScannedAsset:
		opened.append(entry.path.stem)
		return scan_entry(spec, entry)

	monkeypatch.setattr(library_module, 'scan_entry', counting)
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
	assert records['style'].status == 'unsupported' and 'pickle' in records['style'].reason
	assert records['broken'].status == 'invalid' and 'broken.safetensors' in records['broken'].reason
	assert 'half' not in records
	with pytest.raises(InvalidRequestError, match="'broken' cannot be used: broken.safetensors"):
		resolver(loras_context).spec(LoraTag('broken'))


def test_search_matches_names_trigger_words_and_family(loras_context: AppContext) -> None:
	library = loras_context.libraries.loras.library
	assert [record.name for record in library.search('xl PEFT')] == ['sdxl_peft']
	assert [record.name for record in library.search('still life sd 1.x')] == ['sd1_kohya', 'sd1_kohya_b', 'sd1_ldm']
	assert len(library.search('')) == len(library.search(None)) == len(EVERY_LORA)


def test_an_unknown_lora_is_refused_with_close_names(loras_context: AppContext) -> None:
	with pytest.raises(InvalidRequestError, match=r"'sd1_koya' is not in .*did you mean sd1_kohya"):
		resolver(loras_context).spec(LoraTag('sd1_koya'))
	with pytest.raises(InvalidRequestError, match='press Refresh after adding files'):
		loras_context.libraries.loras.library.record('zzz')


def test_rename_and_delete_keep_to_the_lora_folder(loras_context: AppContext, tmp_path: Path) -> None:
	shelf, folder = loras_context.libraries.loras, loras_context.settings.loras_dir
	library, edits = shelf.library, shelf.edits
	renamed = edits.rename('sd1_kohya', 'ink style')
	assert renamed.relative_path == 'ink style.safetensors' and (folder / 'ink style.safetensors').is_file()
	assert resolver(loras_context).spec(LoraTag('ink style', 0.5)).path == folder / 'ink style.safetensors'
	assert [record.name for record in library.refresh()].count('ink style') == 1
	for bad in ('../outside', 'sub/inside', '/etc/passwd', '.hidden', ''):
		with pytest.raises(UnsafePathError):
			edits.rename('sd1_peft', bad)
	with pytest.raises(InvalidRequestError, match='already exists'):
		edits.rename('sd1_peft', 'sdxl_peft')
	with pytest.raises(InvalidRequestError, match='confirm'):
		edits.delete('sd1_peft', confirm=False)
	edits.delete('sd1_peft', confirm=True)
	assert not (folder / 'sd1_peft.safetensors').exists() and library.find('sd1_peft') is None
	assert (tmp_path / 'loras').is_dir()
