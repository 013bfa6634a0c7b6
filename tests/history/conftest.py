"""A real history database (real migrations) with its outputs folder, and the History use case on it."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.database import Database, open_database
from localai_ui.features.history.service import HistoryService


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
	folder = tmp_path / 'outputs'
	folder.mkdir()
	return folder


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
	opened = open_database(tmp_path / 'data' / 'history.sqlite3')
	yield opened
	opened.close()


@pytest.fixture
def history(database: Database, outputs: Path) -> HistoryService:
	return HistoryService(database=database, outputs_dir=outputs)
