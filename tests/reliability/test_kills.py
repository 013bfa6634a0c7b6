"""Issue 13 item 10 and the crash guarantee: SIGKILLs at random points leave `PRAGMA integrity_check` ok and no row
pointing at a missing file; the temp files a kill leaves (images and thumbnails) are removed when the app starts."""

import os
from pathlib import Path

import pytest

from localai_ui.context import build_context
from localai_ui.services.thumbnails import THUMBNAILS_DIR
from localai_ui.settings import Settings, settings_for
from tests.reliability.kills import kill_repeatedly

KILLS = 20


@pytest.fixture
def kill_settings(tmp_path: Path) -> Settings:
	models = tmp_path / 'models'
	models.mkdir()
	flags = ['--data-dir', str(tmp_path / 'data'), '--models-dir', str(models), '--outputs-dir', str(tmp_path / 'out')]
	return settings_for(flags)


@pytest.mark.timeout(180)
def test_random_sigkills_leave_a_sound_history_and_startup_removes_their_temp_files(kill_settings: Settings) -> None:
	figures = kill_repeatedly(kill_settings, KILLS)
	assert (figures.kills, figures.mid_write) == (KILLS, 3)
	assert figures.integrity_failures == () and figures.rows_to_missing_files == 0
	assert figures.temps_after_start == 0 and figures.running_after_start == 0
	assert figures.temps_left > 0, 'kills mid-write leave temp files for the start to remove'


def test_startup_removes_only_write_atomic_leftovers(kill_settings: Settings) -> None:
	outputs = kill_settings.outputs_dir
	day, thumbs = outputs / '2026-11-28', outputs / THUMBNAILS_DIR / '2026-11-28'
	for folder in (day, thumbs, kill_settings.data_dir):
		folder.mkdir(parents=True, exist_ok=True)
	left = [day / '.00007-0-42.png.k3j9_x2a.tmp', thumbs / '.00007-0-42.webp.a1b2c3d4.tmp']
	left.append(kill_settings.data_dir / '.settings.json.zz99zz99.tmp')
	kept = [day / '00007-0-42.png', day / 'notes.tmp', day / '.short.tmp', day / 'x.png.abcdefgh.tmp']
	for path in [*left, *kept]:
		path.write_bytes(b'half written')
	os.symlink(kept[0], day / '.00008-0-1.png.abcdefgh.tmp')
	os.mkfifo(day / '.00009-0-1.png.abcdefgh.tmp')
	build_context(kill_settings).close()
	assert [path.exists() for path in left] == [False] * len(left)
	assert [path.exists() for path in kept] == [True] * len(kept)
	assert (day / '.00008-0-1.png.abcdefgh.tmp').is_symlink() and (day / '.00009-0-1.png.abcdefgh.tmp').exists()
