"""The startup lines tell the user where models go and, only when generated, the password; bad flags exit 2."""

from pathlib import Path

import pytest

from localai_ui.cli import main, startup_lines
from localai_ui.settings import Settings, settings_for


def _lines(tmp_path: Path, *flags: str) -> tuple[Settings, list[str]]:
	settings = settings_for(['--data-dir', str(tmp_path / 'data'), *flags])
	return settings, startup_lines(settings)


def test_local_start_names_the_folders_only(tmp_path: Path) -> None:
	settings, lines = _lines(tmp_path, '--models-dir', str(tmp_path / 'checkpoints'))
	assert len(lines) == 1
	assert str(settings.models_dir) in lines[0]
	assert str(tmp_path / 'checkpoints') in lines[0]
	assert str(settings.outputs_dir) in lines[0]


def test_listen_alone_shows_the_generated_password_once(tmp_path: Path) -> None:
	settings, lines = _lines(tmp_path, '--listen', '--port', '9001')
	assert settings.auth is not None
	user, password = settings.auth
	text = '\n'.join(lines)
	assert len(lines) == 3
	assert 'LAN access is on (port 9001)' in lines[1]
	assert text.count(password) == 1
	assert f'"{user}"' in lines[2]


def test_listen_with_given_auth_never_prints_the_password(tmp_path: Path) -> None:
	_, lines = _lines(tmp_path, '--listen', '--auth', 'me:hunter22')
	assert len(lines) == 2
	assert 'LAN access is on' in lines[1]
	assert 'hunter22' not in '\n'.join(lines)


def test_auth_without_listen_prints_nothing_about_the_lan(tmp_path: Path) -> None:
	_, lines = _lines(tmp_path, '--auth', 'me:hunter22')
	assert len(lines) == 1
	assert 'hunter22' not in lines[0]


@pytest.mark.parametrize(
	('flags', 'message'),
	[
		(['--listen', '--auth', 'nopassword'], '--auth must look like user:password'),
		(['--auth', ':secret'], '--auth must look like user:password'),
		(['--device', 'gpu'], "--device 'gpu' is not a device"),
	],
)
def test_bad_flags_exit_with_an_argparse_error(
	tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
	with pytest.raises(SystemExit) as caught:
		main(['--data-dir', str(tmp_path / 'data'), *flags])
	assert caught.value.code == 2
	captured = capsys.readouterr()
	assert message in captured.err
	assert captured.out == ''
	assert not (tmp_path / 'data').exists()
