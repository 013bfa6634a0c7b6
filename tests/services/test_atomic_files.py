"""write_atomic leaves the old file or the new one, never a partial target or a stray temp file."""

import os
import stat
from pathlib import Path

import pytest

from localai_ui.services import atomic_files
from localai_ui.services.atomic_files import write_atomic


def _fail(*_args: object) -> None:
	raise OSError(28, 'No space left on device')


def test_creates_parent_folders_and_writes_bytes(tmp_path: Path) -> None:
	target = tmp_path / 'outputs' / '2026-11-26' / '00001-42.png'
	write_atomic(target, b'\x89PNG data')
	assert target.read_bytes() == b'\x89PNG data'
	assert stat.S_IMODE(target.stat().st_mode) == 0o644
	assert os.listdir(target.parent) == ['00001-42.png']


def test_replaces_an_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
	target = tmp_path / 'settings.json'
	target.write_bytes(b'old')
	target.chmod(0o600)
	write_atomic(target, b'new')
	assert target.read_bytes() == b'new'
	assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize('step', ['fsync', 'replace'])
def test_failure_keeps_the_old_file_and_removes_the_temp(
	tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
	target = tmp_path / 'image.png'
	target.write_bytes(b'old complete file')
	monkeypatch.setattr(atomic_files.os, step, _fail)
	with pytest.raises(OSError, match='disk full: .* MB free in'):
		write_atomic(target, b'new file that never lands')
	monkeypatch.undo()
	assert target.read_bytes() == b'old complete file'
	assert os.listdir(tmp_path) == ['image.png']


def test_failure_on_a_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
	monkeypatch.setattr(atomic_files.os, 'replace', _fail)
	with pytest.raises(OSError):
		write_atomic(tmp_path / 'new.png', b'data')
	monkeypatch.undo()
	assert os.listdir(tmp_path) == []


def test_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
	synced: list[int] = []
	real_fsync = os.fsync

	def record(descriptor: int) -> None:
		synced.append(os.fstat(descriptor).st_mode)
		real_fsync(descriptor)

	monkeypatch.setattr(atomic_files.os, 'fsync', record)
	write_atomic(tmp_path / 'file.bin', b'x')
	assert [stat.S_ISREG(synced[0]), stat.S_ISDIR(synced[1])] == [True, True]


def test_folder_sync_is_skipped_where_folders_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
	monkeypatch.setattr(atomic_files.os, 'name', 'nt')
	monkeypatch.setattr(atomic_files.os, 'open', _fail)
	atomic_files.sync_folder(tmp_path)
