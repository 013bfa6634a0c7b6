"""An app context whose upscalers folder holds the tiny upscalers (and, where asked, the bad files)."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.context import AppContext
from localai_ui.settings import Settings
from tests.contexts import ready_context
from tests.upscale.tiny_upscalers import noise_image
from tests.upscale.upscaler_folder import add_good_upscalers


@pytest.fixture
def upscale_context(settings: Settings) -> Iterator[AppContext]:
	add_good_upscalers(settings.upscalers_dir)
	built = ready_context(settings)
	yield built
	built.close()


@pytest.fixture
def picture(tmp_path: Path) -> Path:
	path = tmp_path / 'source.png'
	noise_image(40, 24).save(path)
	return path
