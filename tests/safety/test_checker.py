"""The checker loaded from its folder (safetensors only), what it flags, and how a flagged image is shown."""

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from localai_ui.cores.safety.blur import blurred
from localai_ui.cores.safety.checker import SafetyChecker
from localai_ui.cores.safety.errors import SafetyCheckerMissingError
from localai_ui.cores.safety.gate import SafetyGate
from localai_ui.cores.safety.loader import load_checker
from tests.safety.tiny_checker import FLAG_ALL, FLAG_NONE, checkerboard, save_tiny_checker

CPU = torch.device('cpu')


def test_a_checker_flags_by_its_thresholds(tmp_path: Path) -> None:
	images = [checkerboard(), Image.new('RGB', (96, 48), (200, 30, 30))]
	flagging = load_checker(save_tiny_checker(tmp_path / 'flag', FLAG_ALL))
	clean = load_checker(save_tiny_checker(tmp_path / 'clean', FLAG_NONE))
	assert flagging.flags(images) == [True, True]
	assert clean.flags(images) == [False, False]
	assert clean.flags([]) == []


def test_the_folder_is_read_once_and_only_when_a_check_is_asked(tmp_path: Path) -> None:
	folder = save_tiny_checker(tmp_path / 'checker', FLAG_ALL)
	calls: list[Path] = []

	def counting(path: Path) -> SafetyChecker:
		calls.append(path)
		return load_checker(path)

	gate = SafetyGate(folder, counting)
	assert not gate.loaded and calls == []
	assert gate.flags([checkerboard()], CPU) == [True]
	assert gate.flags([checkerboard(), checkerboard()], CPU) == [True, True]
	assert calls == [folder]
	gate.drop()
	assert not gate.loaded


def test_a_folder_without_safetensors_weights_is_refused_with_its_name(tmp_path: Path) -> None:
	with pytest.raises(SafetyCheckerMissingError, match=r'safety_checker: the safety checker needs config\.json and'):
		load_checker(tmp_path / 'safety_checker')
	pickled = save_tiny_checker(tmp_path / 'pickled', FLAG_ALL)
	(pickled / 'model.safetensors').rename(pickled / 'pytorch_model.bin')
	with pytest.raises(SafetyCheckerMissingError, match=r'model\.safetensors \(pytorch_model\.bin is a pickle'):
		load_checker(pickled)


def test_a_flagged_image_is_blurred_not_blacked_out() -> None:
	image = checkerboard(512, 8)
	shown = blurred(image)
	before, after = np.asarray(image, dtype=np.float32), np.asarray(shown, dtype=np.float32)
	assert shown.size == image.size
	detail_before = np.abs(np.diff(before, axis=1)).mean()
	detail_after = np.abs(np.diff(after, axis=1)).mean()
	assert detail_after < detail_before / 50  # the pattern is gone
	assert abs(after.mean() - before.mean()) < 5 and after.mean() > 50  # its colours stay: not a black square
