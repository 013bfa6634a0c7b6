"""Settings from flags: folders under --data-dir unless overridden, localhost unless --listen, which needs a password."""

from pathlib import Path

import pytest

from localai_ui.features.generate.preferences import Preferences
from localai_ui.schemas.progress import PreviewSettings
from localai_ui.services.flag_values import parse_auth
from localai_ui.settings import Settings, settings_for


def _settings(tmp_path: Path, *flags: str) -> Settings:
	return settings_for(['--data-dir', str(tmp_path / 'data'), *flags])


def test_defaults_live_under_the_data_dir(tmp_path: Path) -> None:
	settings = _settings(tmp_path)
	data = (tmp_path / 'data').resolve()
	assert settings.data_dir == data
	assert settings.models_dir == data / 'models'
	assert settings.loras_dir == data / 'loras'
	assert settings.outputs_dir == data / 'outputs'
	assert settings.database_path == data / 'localai.sqlite3'
	assert (settings.host, settings.port, settings.auth, settings.auth_generated) == ('127.0.0.1', 7860, None, False)
	assert settings.device == 'auto'
	assert settings.preview == PreviewSettings()


def _folders(settings: Settings) -> dict[str, Path]:
	return {
		'--models-dir': settings.models_dir,
		'--loras-dir': settings.loras_dir,
		'--outputs-dir': settings.outputs_dir,
	}


@pytest.mark.parametrize('flag', ['--models-dir', '--loras-dir', '--outputs-dir'])
def test_each_folder_flag_overrides_its_default(tmp_path: Path, flag: str) -> None:
	folder = tmp_path / 'elsewhere'
	settings = _settings(tmp_path, flag, str(folder))
	folders = _folders(settings)
	assert folders.pop(flag) == folder.resolve()
	assert all(other.parent == settings.data_dir for other in folders.values())


def test_listen_alone_generates_a_password(tmp_path: Path) -> None:
	first = _settings(tmp_path, '--listen')
	second = _settings(tmp_path, '--listen')
	assert first.host == '0.0.0.0'
	assert first.auth_generated
	assert first.auth is not None
	assert second.auth is not None
	assert first.auth[0] == 'localai'
	assert len(first.auth[1]) >= 16
	assert first.auth[1] != second.auth[1]


def test_listen_with_auth_keeps_it(tmp_path: Path) -> None:
	settings = _settings(tmp_path, '--listen', '--auth', 'u:p:q')
	assert (settings.host, settings.auth, settings.auth_generated) == ('0.0.0.0', ('u', 'p:q'), False)


def test_auth_without_listen_stays_local(tmp_path: Path) -> None:
	settings = _settings(tmp_path, '--auth', 'me:secret', '--port', '9000')
	assert (settings.host, settings.port, settings.auth) == ('127.0.0.1', 9000, ('me', 'secret'))


@pytest.mark.parametrize('value', ['user', 'user:', ':password', '', ':'])
def test_bad_auth_values_raise(tmp_path: Path, value: str) -> None:
	with pytest.raises(ValueError, match='user:password'):
		parse_auth(value)
	with pytest.raises(ValueError, match='user:password'):
		_settings(tmp_path, '--listen', '--auth', value)


@pytest.mark.parametrize(
	('flags', 'expected'),
	[
		(['--preview', 'off'], PreviewSettings(mode='off')),
		(['--preview', 'full', '--preview-every', '5'], PreviewSettings(mode='full', every_n_steps=5)),
		(['--preview-every', '0'], PreviewSettings(every_n_steps=1)),
		(['--preview-every', '-3'], PreviewSettings(every_n_steps=1)),
	],
)
def test_preview_flags(tmp_path: Path, flags: list[str], expected: PreviewSettings) -> None:
	assert _settings(tmp_path, *flags).preview == expected


@pytest.mark.parametrize(('every', 'stored'), [(4, 4), (1, 1), (0, 1), (-2, 1)])
def test_preferences_set_preview_clamps_every_n_steps(every: int, stored: int) -> None:
	preferences = Preferences(PreviewSettings(max_side=128))
	changed = preferences.set_preview('full', every)
	assert changed == PreviewSettings(mode='full', every_n_steps=stored, max_side=128)
	assert preferences.current_preview() == changed
