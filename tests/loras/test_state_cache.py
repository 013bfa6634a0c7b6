"""LoRA state dicts are read from disk once, re-read when the file changes, and evicted over the byte budget."""

import os
from pathlib import Path

import pytest
import torch

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import FileKey, LoraStateCache, StateDict, read_state_dict
from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraFileError
from tests.loras.lora_builders import lora_spec, write_lora
from tests.loras.rendering import tiny_model


class CountingReader:
	"""The real reader, counting the files it opens."""

	def __init__(self) -> None:
		self.opened: list[str] = []

	def __call__(self, path: Path) -> StateDict:
		self.opened.append(path.name)
		return read_state_dict(path)


def _lora(folder: Path, name: str, floats: int) -> FileKey:
	path = write_lora(folder / f'{name}.safetensors', {'unet.a.lora_A.weight': torch.zeros(floats)})
	return FileKey.of(path)


def test_a_cached_file_is_not_read_again(tmp_path: Path) -> None:
	reader = CountingReader()
	cache = LoraStateCache(budget_bytes=10_000, reader=reader)
	key = _lora(tmp_path, 'a', 100)
	first = cache.get(key)
	first.clear()
	assert list(cache.get(key)) == ['unet.a.lora_A.weight']
	assert reader.opened == ['a.safetensors'] and cache.bytes_used == 400


def test_a_changed_file_is_read_again_and_replaces_the_old_entry(tmp_path: Path) -> None:
	reader = CountingReader()
	cache = LoraStateCache(budget_bytes=10_000, reader=reader)
	old = _lora(tmp_path, 'a', 100)
	cache.get(old)
	new = _lora(tmp_path, 'a', 200)
	os.utime(new.path, ns=(old.mtime_ns + 10**9, old.mtime_ns + 10**9))
	new = FileKey.of(new.path)
	assert new != old and new.adapter_name != old.adapter_name
	assert cache.get(new)['unet.a.lora_A.weight'].numel() == 200
	assert reader.opened == ['a.safetensors'] * 2 and cache.keys() == [new]


def test_least_recently_used_files_are_evicted_over_the_budget(tmp_path: Path) -> None:
	cache = LoraStateCache(budget_bytes=1000)
	a, b, c = (_lora(tmp_path, name, 100) for name in 'abc')
	big = _lora(tmp_path, 'big', 300)
	cache.get(a)
	cache.get(b)
	cache.get(a)
	cache.get(c)
	assert cache.keys() == [a, c] and cache.bytes_used == 800
	cache.get(big)
	assert cache.keys() == [a, c]
	cache.clear()
	assert cache.keys() == [] and cache.bytes_used == 0


def test_unreadable_files_are_refused_naming_them(tmp_path: Path) -> None:
	path = tmp_path / 'bad.safetensors'
	path.write_bytes(b'\x08\x00\x00\x00\x00\x00\x00\x00nonsense')
	with pytest.raises(LoraFileError, match='bad.safetensors: cannot read the LoRA tensors'):
		LoraStateCache().get(FileKey.of(path))
	with pytest.raises(LoraFileError, match='gone.safetensors: cannot read'):
		FileKey.of(tmp_path / 'gone.safetensors')


def test_switching_lora_sets_reads_each_file_once(lora_dir: Path) -> None:
	reader = CountingReader()
	applier = LoraApplier(LoraStateCache(reader=reader))
	model = tiny_model(Family.SD1)
	kohya, peft = lora_spec(lora_dir, 'sd1_kohya'), lora_spec(lora_dir, 'sd1_peft')
	for chosen in ([kohya], [kohya, peft], [], [peft], [kohya], []):
		applier.apply(model, chosen)
	assert sorted(reader.opened) == ['sd1_kohya.safetensors', 'sd1_peft.safetensors']
