"""A real database built by the real migrations in a temporary folder."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.database import Database, open_database
from localai_ui.schemas.generation import GenerationRequest


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
	opened = open_database(tmp_path / 'data' / 'history.sqlite')
	yield opened
	opened.close()


@pytest.fixture
def generation_request() -> GenerationRequest:
	return GenerationRequest(
		prompt='a red fox, snow\nwide shot',
		negative_prompt='blurry',
		sampler='DPM++ 2M Karras',
		steps=12,
		cfg_scale=6.5,
		width=640,
		height=384,
		seed=-1,
		batch_count=2,
		batch_size=1,
	)
