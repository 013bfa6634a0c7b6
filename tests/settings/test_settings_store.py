"""Settings round trip through the real migrations and a restart; bad values change nothing; flags win; reset per
section; the token never leaves the store except for the download client."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from localai_ui.database import crud as database_service
from localai_ui.database import open_database
from localai_ui.features.settings.device_check import device_check
from localai_ui.features.settings.settings_json import settings_json
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.values import FlagValue
from localai_ui.schemas.app_settings import AppSettings
from localai_ui.schemas.errors import InvalidRequestError


def _store(path: Path, **flags: FlagValue) -> SettingsStore:
	return SettingsStore(open_database(path), flags=flags, check=device_check(gpu_count=1, mps_available=False))


def _rows(store_path: Path) -> dict[str, object]:
	database = open_database(store_path)
	with database.transaction() as session:
		rows = database_service.read_settings(session)
	database.close()
	return rows


def test_saved_settings_survive_a_restart_and_only_changes_are_stored(tmp_path: Path) -> None:
	path = tmp_path / 'app.sqlite3'
	first = _store(path)
	first.save({'steps': 31, 'sampler': 'Euler a', 'schedule': 'Karras', 'negative_prompt': 'blurry, lowres'})
	first.save({'output_format': 'WEBP', 'quality': 80, 'file_name_pattern': '[date]-[seed]', 'date_folders': False})
	first.save({'cfg_scale': 7.0})  # the default: stored as "no row"
	again = _store(path).stored()
	assert (again.generation.steps, again.generation.sampler, again.generation.schedule) == (31, 'Euler a', 'Karras')
	assert again.generation.negative_prompt == 'blurry, lowres'
	assert (again.saving.output_format, again.saving.quality, again.saving.date_folders) == ('WEBP', 80, False)
	assert _rows(path) == {
		'steps': 31,
		'sampler': 'Euler a',
		'schedule': 'Karras',
		'negative_prompt': 'blurry, lowres',
		'output_format': 'WEBP',
		'quality': 80,
		'file_name_pattern': '[date]-[seed]',
		'date_folders': False,
	}


@pytest.mark.parametrize(
	('changes', 'named'),
	[
		({'file_name_pattern': 'day/[seed]'}, "'day/[seed]'"),
		({'file_name_pattern': '..[seed]'}, "'..[seed]'"),
		({'file_name_pattern': 'a\x00[seed]'}, 'NUL'),
		({'file_name_pattern': 'x' * 300}, '300 characters'),
		({'file_name_pattern': '[seed]-[bogus]'}, '[bogus]'),
		({'file_name_pattern': 'what?[seed]'}, '?'),
		({'steps': 500}, 'steps 500'),
		({'cfg_scale': 0.5}, 'cfg_scale 0.5'),
		({'width': 513}, '513 px'),
		({'quality': 0}, 'quality 0'),
		({'sampler': 'Warp drive'}, 'Warp drive'),
		({'sampler': 'Euler', 'schedule': 'Nonsense'}, 'Nonsense'),
		({'preview_mode': 'sometimes'}, "'sometimes'"),
		({'device': 'gpu'}, "device 'gpu' is not a device"),
		({'device': 'cuda:3'}, 'has 1 CUDA GPU'),
		({'device': 'cpu', 'memory': 'low'}, "memory mode 'low'"),
		({'colour': 'blue'}, "unknown setting 'colour'"),
	],
)
def test_a_bad_value_is_named_and_nothing_is_stored(tmp_path: Path, changes: dict[str, object], named: str) -> None:
	path = tmp_path / 'app.sqlite3'
	store = _store(path)
	store.save({'steps': 12})
	with pytest.raises(InvalidRequestError) as caught:
		store.save({'steps': 40, **changes})
	assert named in str(caught.value)
	assert store.stored().generation.steps == 12
	assert _rows(path) == {'steps': 12}


def test_flags_win_over_stored_values_and_say_so(tmp_path: Path) -> None:
	store = _store(tmp_path / 'app.sqlite3', preview_mode=FlagValue('off', '--preview off'))
	store.save({'preview_mode': 'full', 'preview_every': 3})
	assert store.stored().preview.preview_mode == 'full'
	assert store.current().preview.preview_mode == 'off'
	assert store.current().preview.preview_every == 3
	answer = settings_json(store)
	assert answer['set_by_flags'] == {'preview_mode': '--preview off'}
	stored, in_effect = answer['settings'], answer['in_effect']
	assert isinstance(stored, dict) and isinstance(in_effect, dict)
	assert in_effect == {**stored, 'preview_mode': 'off'}


def test_a_memory_mode_is_checked_against_the_device_in_effect(tmp_path: Path) -> None:
	store = _store(tmp_path / 'app.sqlite3', device=FlagValue('cpu', '--device cpu'))
	with pytest.raises(InvalidRequestError, match="memory mode 'medium'.*runs on cpu"):
		store.save({'memory': 'medium'})
	store.save({'memory': 'high'})
	assert store.current().device == AppSettings().device.model_copy(update={'device': 'cpu', 'memory': 'high'})


def test_reset_puts_one_section_back_and_leaves_the_others(tmp_path: Path) -> None:
	path = tmp_path / 'app.sqlite3'
	store = _store(path)
	store.save({'steps': 9, 'clip_skip': 2, 'output_format': 'JPEG'})
	store.reset('generation')
	assert store.stored().generation == AppSettings().generation
	assert store.stored().saving.output_format == 'JPEG'
	assert _rows(path) == {'output_format': 'JPEG'}


def test_a_stored_value_that_no_longer_validates_falls_back_to_its_default(tmp_path: Path) -> None:
	path = tmp_path / 'app.sqlite3'
	database = open_database(path)
	with database.transaction() as session:
		database_service.write_settings(session, values={'steps': 999, 'quality': 55}, now=datetime.now(UTC))
	database.close()
	stored = _store(path).stored()
	assert stored.generation.steps == 20
	assert stored.saving.quality == 55


def test_the_token_is_kept_but_never_shown(tmp_path: Path) -> None:
	store = _store(tmp_path / 'app.sqlite3')
	store.save({'hf_token': 'hf_secretvalue123'})
	assert store.hf_token() == 'hf_secretvalue123'
	assert 'hf_secretvalue123' not in repr(store.stored())
	assert 'hf_secretvalue123' not in str(settings_json(store))
	assert settings_json(store)['hf_token_set'] is True
	with pytest.raises(InvalidRequestError) as caught:
		store.save({'hf_token': 'hf_has a space'})
	assert 'has a space' not in str(caught.value)
	store.reset('hub')
	assert store.hf_token() is None
