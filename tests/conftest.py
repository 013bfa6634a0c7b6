"""Shared fixtures: no network, tiny models built once per session, settings in a temporary data folder."""

import os
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.settings import Settings, settings_for
from tests.contexts import ready_context
from tests.tiny_models import save_tiny_models

pytest_plugins = ['tests.network_guard']


def pytest_configure(config: pytest.Config) -> None:
	"""Gradio writes served files to its temp dir: keep them out of /tmp/gradio; silence library noise."""
	base = Path(str(config.rootpath)) / '.pytest-tmp'
	os.environ.setdefault('GRADIO_TEMP_DIR', str(base / 'gradio'))
	warnings.filterwarnings('ignore', module='diffusers')
	warnings.filterwarnings('ignore', module='transformers')


@pytest.fixture(scope='session')
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""A models folder holding tiny-sd15 and tiny-sdxl as diffusers folders."""
	folder = tmp_path_factory.mktemp('models')
	save_tiny_models(folder)
	return folder


@pytest.fixture
def settings(tmp_path: Path, tiny_models_dir: Path) -> Settings:
	return settings_for(['--data-dir', str(tmp_path / 'data'), '--models-dir', str(tiny_models_dir), '--device', 'cpu'])


@pytest.fixture
def context(settings: Settings) -> Iterator[AppContext]:
	built = ready_context(settings)
	yield built
	built.close()


def wait_for_hashes(context: AppContext, timeout_s: float = 60.0) -> None:
	"""Block until the background hasher has hashed every file the scans found (tests that read hashes)."""
	deadline = time.monotonic() + timeout_s
	while context.libraries.hasher.pending() and time.monotonic() < deadline:
		time.sleep(0.02)
	while context.libraries.hasher.progress.name is not None and time.monotonic() < deadline:
		time.sleep(0.02)
