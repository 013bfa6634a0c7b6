"""Tiny single-file checkpoints (built once), a models folder holding copies of them, and a library over it."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.context import AppContext, build_context
from localai_ui.settings import Settings, settings_for
from tests.conftest import wait_for_hashes
from tests.models.tiny_checkpoints import write_tiny_checkpoints


@pytest.fixture(scope='session')
def tiny_checkpoints_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""tiny-sd15.safetensors and tiny-sdxl.safetensors in the A1111 layout, each with a .diffusers sidecar."""
	folder = tmp_path_factory.mktemp('checkpoints')
	write_tiny_checkpoints(folder)
	return folder


def copy_checkpoints(source: Path, target: Path) -> Path:
	"""A fresh models folder with the tiny checkpoints and their sidecars (tests may rename or delete them)."""
	shutil.copytree(source, target)
	return target


@pytest.fixture
def models_dir(tmp_path: Path, tiny_checkpoints_dir: Path) -> Path:
	return copy_checkpoints(tiny_checkpoints_dir, tmp_path / 'models')


@pytest.fixture
def models_settings(tmp_path: Path, models_dir: Path) -> Settings:
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


@pytest.fixture
def models_context(models_settings: Settings) -> Iterator[AppContext]:
	"""The app's context once the background hasher has hashed every model it found at startup."""
	built = build_context(models_settings)
	wait_for_hashes(built)
	yield built
	built.close()
