"""--fast: off by default, parsed into Settings, refused at start on a machine without CUDA."""

import os
from pathlib import Path

import pytest
import torch

from localai_ui.cli import main
from localai_ui.cores.fast.compile_setup import FastModeUnavailableError, compile_reduce_overhead, use_compile_cache
from localai_ui.cores.fast.mode import fast_options
from localai_ui.settings import settings_for


def test_fast_is_off_unless_asked(tmp_path: Path) -> None:
	assert settings_for(['--data-dir', str(tmp_path)]).fast is False
	assert settings_for(['--data-dir', str(tmp_path), '--fast']).fast is True


def test_fast_on_cpu_or_mps_is_refused_with_the_device_named(tmp_path: Path) -> None:
	for device in ('cpu', 'mps'):
		with pytest.raises(FastModeUnavailableError, match=f'--fast needs a CUDA GPU; this machine runs on {device}'):
			fast_options(True, torch.device(device), tmp_path)
	assert fast_options(False, torch.device('cpu'), tmp_path) is None


def test_fast_on_cuda_compiles_with_cuda_graphs_and_caches_under_the_data_dir(tmp_path: Path) -> None:
	options = fast_options(True, torch.device('cuda'), tmp_path / 'compile_cache')
	assert options is not None and options.compile_fn is compile_reduce_overhead
	assert options.cache_dir == tmp_path / 'compile_cache'


def test_the_compile_cache_lives_in_the_folder_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
	for name in (
		'TORCHINDUCTOR_CACHE_DIR',
		'TRITON_CACHE_DIR',
		'TORCHINDUCTOR_FX_GRAPH_CACHE',
		'TORCHINDUCTOR_AUTOGRAD_CACHE',
	):
		monkeypatch.delenv(name, raising=False)
	use_compile_cache(tmp_path / 'cache')
	assert os.environ['TORCHINDUCTOR_CACHE_DIR'] == str(tmp_path / 'cache' / 'inductor')
	assert os.environ['TRITON_CACHE_DIR'] == str(tmp_path / 'cache' / 'triton')
	assert (tmp_path / 'cache').is_dir()


def test_the_app_refuses_to_start_with_fast_on_cpu(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
	with pytest.raises(SystemExit):
		main(['--data-dir', str(tmp_path / 'data'), '--device', 'cpu', '--fast'])
	assert '--fast needs a CUDA GPU; this machine runs on cpu' in capsys.readouterr().err
