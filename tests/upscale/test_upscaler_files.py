"""Reading upscaler files: safetensors and weights-only .pth load; code, damage and foreign files are refused by name."""

import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, cast

import pytest
import torch

from localai_ui.schemas.upscalers import UpscalerFileError, UpscalerPickleRefusedError
from localai_ui.services.upscaler_files import read_upscaler_weights
from tests.upscale.tiny_upscalers import MarkerPayload, compact, tensors_of, write_pth, write_safetensors


def test_safetensors_and_plain_pth_give_the_same_tensors(tmp_path: Path) -> None:
	tensors = tensors_of(compact())
	from_safetensors = read_upscaler_weights(write_safetensors(tmp_path / 'x4.safetensors', tensors))
	from_pth = read_upscaler_weights(write_pth(tmp_path / 'x4.pth', tensors))
	assert (from_safetensors.format, from_pth.format) == ('safetensors', 'pth')
	assert set(from_pth.tensors) == set(tensors) == set(from_safetensors.tensors)
	assert all(torch.equal(from_pth.tensors[key], value) for key, value in tensors.items())


def test_a_legacy_non_zip_pth_loads(tmp_path: Path) -> None:
	path = tmp_path / 'old.pth'
	torch.save(tensors_of(compact()), path, _use_new_zipfile_serialization=False)
	assert len(read_upscaler_weights(path).tensors) == len(tensors_of(compact()))


class _Scripted(Protocol):
	def save(self, f: str) -> None: ...


def test_a_torchscript_archive_is_refused_as_a_program(tmp_path: Path) -> None:
	path = tmp_path / 'scripted.pt'
	script = cast(Callable[[torch.nn.Module], _Scripted], vars(torch.jit)['script'])  # torch leaves it partly untyped
	script(torch.nn.Conv2d(3, 3, 3)).save(str(path))
	with pytest.raises(UpscalerPickleRefusedError, match=r'scripted\.pt: a TorchScript archive is a program'):
		read_upscaler_weights(path)


def test_training_wrappers_are_unwrapped(tmp_path: Path) -> None:
	tensors = tensors_of(compact())
	wrapped = {'params_ema': tensors, 'params': {'other': torch.zeros(1)}, 'iter': 5000}
	assert set(read_upscaler_weights(write_pth(tmp_path / 'basicsr.pt', wrapped)).tensors) == set(tensors)


@pytest.mark.parametrize('raw', [False, True], ids=['torch-save', 'raw-pickle'])
def test_a_pth_carrying_code_is_refused_and_never_run(tmp_path: Path, raw: bool) -> None:
	marker = tmp_path / 'payload-ran'
	# Pickle protocol 2 (torch.save's) spells subprocess.run as commands.run, Python 2's name for it.
	evil = {**tensors_of(compact()), 'extra': MarkerPayload(marker)}
	path = tmp_path / 'evil.pth'
	if raw:
		path.write_bytes(pickle.dumps(MarkerPayload(marker), protocol=2))
	else:
		write_pth(path, evil)
	with pytest.raises(
		UpscalerPickleRefusedError, match=r'evil\.pth: .*(subprocess|commands)\.run.*nothing in it was run'
	):
		read_upscaler_weights(path)
	assert not marker.exists()


def test_a_pickle_named_safetensors_is_not_opened(tmp_path: Path) -> None:
	marker = tmp_path / 'payload-ran'
	path = write_pth(tmp_path / 'renamed.safetensors', {'extra': MarkerPayload(marker)})
	with pytest.raises(UpscalerPickleRefusedError, match=r'renamed\.safetensors: a pickle .* rename it to \.pth'):
		read_upscaler_weights(path)
	assert not marker.exists()


def test_the_code_payload_is_real(tmp_path: Path) -> None:
	"""Control for the test above: loading the same file unsafely does create the marker."""
	marker = tmp_path / 'payload-ran'
	path = write_pth(tmp_path / 'evil.pth', {'extra': MarkerPayload(marker)})
	torch.load(path, weights_only=False)
	assert marker.exists()


def _emptied(path: Path) -> None:
	path.write_bytes(b'')


def _truncated(path: Path) -> None:
	data = path.read_bytes()
	path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path) -> None:
	path.write_bytes(bytes(range(256)) * 4)


def _lfs_pointer(path: Path) -> None:
	path.write_bytes(b'version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 9\n')


@pytest.mark.parametrize('suffix', ['.safetensors', '.pth'])
@pytest.mark.parametrize(
	('damage', 'message'),
	[
		(_emptied, 'empty'),
		(_truncated, 'truncated'),
		(_garbage, 'garbage|not a safetensors file'),
		(_lfs_pointer, 'Git LFS pointer'),
	],
	ids=['empty', 'truncated', 'garbage', 'lfs-pointer'],
)
def test_damaged_files_are_named_with_the_reason(
	tmp_path: Path, suffix: str, damage: Callable[[Path], None], message: str
) -> None:
	tensors = tensors_of(compact())
	path = tmp_path / f'upscaler{suffix}'
	if suffix == '.pth':
		write_pth(path, tensors)
	else:
		write_safetensors(path, tensors)
	damage(path)
	with pytest.raises(UpscalerFileError, match=rf'^{re.escape(path.name)}: .*({message})'):
		read_upscaler_weights(path)


@pytest.mark.parametrize(
	('name', 'payload', 'message'),
	[
		('list.pth', [torch.zeros(2)], 'holds a list, not a state dict'),
		('numbers.pth', {'epoch': 3, 'lr': 0.1}, 'the file holds no tensors'),
	],
)
def test_pickles_without_a_state_dict_are_refused(tmp_path: Path, name: str, payload: object, message: str) -> None:
	with pytest.raises(UpscalerFileError, match=f'{name}: {message}'):
		read_upscaler_weights(write_pth(tmp_path / name, payload))


def test_other_suffixes_and_non_files_are_refused(tmp_path: Path) -> None:
	with pytest.raises(UpscalerFileError, match=r'model\.ckpt: not an upscaler file'):
		read_upscaler_weights(tmp_path / 'model.ckpt')
	(tmp_path / 'folder.pth').mkdir()
	with pytest.raises(UpscalerFileError, match=r'folder\.pth: not a regular file'):
		read_upscaler_weights(tmp_path / 'folder.pth')
	with pytest.raises(UpscalerFileError, match=r'missing\.safetensors: cannot read'):
		read_upscaler_weights(tmp_path / 'missing.safetensors')
