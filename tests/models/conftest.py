"""Tiny single-file checkpoints (built once; text-to-image and inpainting), a models folder holding copies of them,
and a library over it."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.settings import Settings, settings_for
from tests.conftest import wait_for_hashes
from tests.contexts import ready_context
from tests.models.tiny_checkpoints import build_inpaint_sd1, write_tiny_checkpoints, write_tiny_inpaint_checkpoints

INPAINT_FOLDER = 'tiny-inpaint-folder'


@pytest.fixture(scope='session')
def tiny_checkpoints_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""tiny-sd15.safetensors and tiny-sdxl.safetensors in the A1111 layout, each with a .diffusers sidecar."""
	folder = tmp_path_factory.mktemp('checkpoints')
	write_tiny_checkpoints(folder)
	return folder


@pytest.fixture(scope='session')
def tiny_inpaint_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""tiny-sd15-inpaint, tiny-sdxl-inpaint (9 input channels) and tiny-pix2pix (8), each with a .diffusers sidecar,
	and tiny-inpaint-folder: an SD1 inpainting model as a diffusers folder."""
	folder = tmp_path_factory.mktemp('inpaint-checkpoints')
	write_tiny_inpaint_checkpoints(folder)
	build_inpaint_sd1(seed=1).save_pretrained(folder / INPAINT_FOLDER)
	return folder


def cpu_settings(tmp_path: Path, models_dir: Path) -> Settings:
	"""The app's settings over `models_dir`, on the CPU, with its data in `tmp_path`."""
	return settings_for(
		[
			'--data-dir',
			str(tmp_path / 'data'),
			'--models-dir',
			str(models_dir),
			'--device',
			'cpu',
			'--ram-cache-gb',
			'1',
		]
	)


def copy_checkpoints(source: Path, target: Path) -> Path:
	"""A fresh models folder with the tiny checkpoints and their sidecars (tests may rename or delete them)."""
	shutil.copytree(source, target)
	return target


@pytest.fixture
def models_dir(tmp_path: Path, tiny_checkpoints_dir: Path) -> Path:
	return copy_checkpoints(tiny_checkpoints_dir, tmp_path / 'models')


@pytest.fixture
def models_settings(tmp_path: Path, models_dir: Path) -> Settings:
	return cpu_settings(tmp_path, models_dir)


@pytest.fixture
def models_context(models_settings: Settings) -> Iterator[AppContext]:
	"""The app's context once the background hasher has hashed every model it found at startup."""
	built = ready_context(models_settings)
	wait_for_hashes(built)
	yield built
	built.close()
