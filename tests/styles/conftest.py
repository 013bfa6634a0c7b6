"""A real database built by the real migrations, and the styles use cases on it."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from localai_ui.database import Database, open_database
from localai_ui.features.styles.service import StylesService
from localai_ui.schemas.styles import StyleText

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def fixed_now() -> datetime:
	return NOW


def write_builtins(folder: Path, entries: list[dict[str, str]], stem: str = 'test') -> Path:
	folder.mkdir(parents=True, exist_ok=True)
	(folder / f'{stem}.json').write_text(json.dumps(entries), encoding='utf-8')
	return folder


def builtin(
	key: str, name: str, prompt: str = '{prompt}, shipped', negative: str = 'shipped negative'
) -> dict[str, str]:
	return {'id': key, 'name': name, 'category': 'Shipped', 'prompt': prompt, 'negative_prompt': negative}


@pytest.fixture
def styles_database(tmp_path: Path) -> Iterator[Database]:
	opened = open_database(tmp_path / 'data' / 'styles.sqlite')
	yield opened
	opened.close()


@pytest.fixture
def builtins_dir(tmp_path: Path) -> Path:
	return write_builtins(tmp_path / 'builtins', [builtin('film', 'Film'), builtin('gold', 'Gold', 'golden hour', '')])


@pytest.fixture
def service(styles_database: Database, builtins_dir: Path) -> StylesService:
	"""Two shipped styles (Film, Gold) seeded, and one user style (Mine)."""
	made = StylesService(database=styles_database, builtins_dir=builtins_dir, now=fixed_now)
	made.seed_builtins()
	made.save_style(StyleText('Mine', 'my {prompt}', 'my negative', 'Personal'))
	return made
