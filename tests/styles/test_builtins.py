"""The shipped library: enough varied, well-formed styles, seeded so upgrades add and refresh without touching yours."""

from pathlib import Path

import pytest

from localai_ui.database import Database
from localai_ui.features.styles.builtins import BUILTIN_STYLES_DIR, load_builtins
from localai_ui.features.styles.service import StylesService
from localai_ui.schemas.styles import PROMPT_SLOT, StyleText
from tests.styles.conftest import builtin, fixed_now, write_builtins


def test_shipped_library_is_rich_and_well_formed() -> None:
	shipped = load_builtins(BUILTIN_STYLES_DIR)
	assert len(shipped) >= 80
	assert len({style.key for style in shipped}) == len(shipped)
	assert len({style.text.name for style in shipped}) == len(shipped)
	assert len({style.text.category for style in shipped}) >= 8
	for style in shipped:
		assert style.text.name.strip() == style.text.name and style.text.category
		assert style.text.negative_prompt, style.key
		assert style.text.prompt.count(PROMPT_SLOT) <= 1, style.key
	assert sum(PROMPT_SLOT in style.text.prompt for style in shipped) >= 60


def test_first_start_seeds_everything_then_nothing(styles_database: Database) -> None:
	service = StylesService(database=styles_database)
	report = service.seed_builtins()
	assert len(report.added) >= 80 and not report.updated
	assert service.seed_builtins().added == ()
	assert all(style.builtin for style in service.list_styles())


def test_upgrade_adds_new_refreshes_changed_and_spares_user_styles(
	styles_database: Database, builtins_dir: Path, service: StylesService
) -> None:
	service.save_style(StyleText('Neon', 'my own neon {prompt}', ''))
	write_builtins(
		builtins_dir,
		[
			builtin('film', 'Film', 'film v2 {prompt}'),
			builtin('gold', 'Golden', 'golden hour', ''),
			builtin('neon', 'Neon', 'shipped neon'),
			builtin('fog', 'Fog', 'fog'),
		],
	)
	report = service.seed_builtins()
	assert report.added == ('fog',) and set(report.updated) == {'film', 'gold'} and report.blocked == ('neon',)
	assert service.get('Film').prompt == 'film v2 {prompt}'
	assert service.get('Golden').builtin and 'Gold' not in service.names()
	assert service.get('Neon').prompt == 'my own neon {prompt}' and not service.get('Neon').builtin
	assert service.get('Mine').prompt == 'my {prompt}'
	assert service.seed_builtins().added == () and service.seed_builtins().updated == ()


def test_missing_folder_means_no_built_ins(tmp_path: Path) -> None:
	assert load_builtins(tmp_path / 'nowhere') == []


@pytest.mark.parametrize('content', ['{"id": "x"}', '[{"id": "x", "name": "X"}]', 'not json'])
def test_broken_asset_file_is_named(tmp_path: Path, content: str) -> None:
	(tmp_path / 'broken.json').write_text(content, encoding='utf-8')
	with pytest.raises(ValueError, match='broken.json: built-in styles must be'):
		load_builtins(tmp_path)


def test_seeding_uses_the_injected_clock(styles_database: Database, builtins_dir: Path) -> None:
	service = StylesService(database=styles_database, builtins_dir=builtins_dir, now=fixed_now)
	service.seed_builtins()
	assert service.get('Film').updated_at == fixed_now()
