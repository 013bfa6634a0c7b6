"""SIGKILL a recording process at random points, again and again, then start the app: the database stays sound, no
image row points at a missing file, and the temp files the kills left are gone after the start."""

import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from localai_ui.context import build_context
from localai_ui.services.atomic_files import is_atomic_temp
from localai_ui.settings import Settings
from tests.reliability.kill_target import READY

REPOSITORY = Path(__file__).resolve().parents[2]
MIN_WAIT_S, MAX_WAIT_S = 0.02, 0.5


@dataclass(frozen=True)
class KillFigures:
	kills: int  # at random points
	mid_write: int  # the moment a temp file appeared
	runs_recorded: int  # runs the killed processes finished between them
	integrity_failures: tuple[str, ...]  # PRAGMA integrity_check answers other than 'ok', after any kill
	rows_to_missing_files: int  # image or thumbnail rows whose file is not there, summed over the kills
	temps_left: int  # write_atomic temp files the kills left behind
	temps_after_start: int
	running_after_start: int  # runs still marked running once the app has started
	seconds: float


def integrity(database: Path) -> str:
	with sqlite3.connect(database) as connection:
		return str(connection.execute('PRAGMA integrity_check').fetchone()[0])


def rows_to_missing_files(database: Path, outputs: Path) -> int:
	with sqlite3.connect(database) as connection:
		rows = connection.execute('SELECT path, thumbnail_path FROM images').fetchall()
	paths = [str(path) for row in rows for path in row if path is not None]
	return sum(not (outputs / path).is_file() for path in paths)


def running_runs(database: Path) -> int:
	with sqlite3.connect(database) as connection:
		return int(connection.execute("SELECT count(*) FROM generations WHERE status = 'running'").fetchone()[0])


def temp_files(folder: Path) -> list[Path]:
	return [path for path in folder.rglob('*') if is_atomic_temp(path.name)]


def temps_under(settings: Settings) -> set[Path]:
	return {*temp_files(settings.outputs_dir), *temp_files(settings.data_dir)}


def new_temp_file(settings: Settings, earlier: set[Path], timeout_s: float = 30.0) -> None:
	"""Return as soon as a write_atomic temp file not in `earlier` exists under the outputs folder (a write is under
	way)."""
	deadline = time.monotonic() + timeout_s
	while set(temp_files(settings.outputs_dir)) <= earlier:
		if time.monotonic() > deadline:
			raise TimeoutError('the recorder wrote no image')
		time.sleep(0.0005)


def kill_once(settings: Settings, wait_s: float | None) -> int:
	"""Start the recorder, let it run `wait_s` after it is ready (None: until it is writing a file), SIGKILL it;
	returns the runs it finished."""
	earlier = set(temp_files(settings.outputs_dir))
	command = [sys.executable, '-m', 'tests.reliability.kill_target', str(settings.database_path)]
	child = subprocess.Popen([*command, str(settings.outputs_dir)], cwd=REPOSITORY, stdout=subprocess.PIPE, text=True)
	assert child.stdout is not None
	if child.stdout.readline().strip() != READY:
		child.kill()
		raise RuntimeError('the recording process did not start')
	if wait_s is None:
		new_temp_file(settings, earlier)
	else:
		time.sleep(wait_s)
	child.send_signal(signal.SIGKILL)
	child.wait()
	return len(child.stdout.read().split())


def kill_repeatedly(settings: Settings, kills: int, mid_write: int = 3, seed: int = 13) -> KillFigures:
	"""The first start makes the database; then `kills` SIGKILLs at random points and `mid_write` more the moment a
	file is being written (so the cleanup is always put to the test), each checked; then one more start."""
	build_context(settings).close()
	database, outputs = settings.database_path, settings.outputs_dir
	random_wait = random.Random(seed)
	started = time.monotonic()
	runs = missing = 0
	failures: list[str] = []
	waits = [random_wait.uniform(MIN_WAIT_S, MAX_WAIT_S) for _ in range(kills)] + [None] * mid_write
	for wait_s in waits:
		runs += kill_once(settings, wait_s)
		answer = integrity(database)
		if answer != 'ok':
			failures.append(answer)
		missing += rows_to_missing_files(database, outputs)
	left = len(temps_under(settings))
	build_context(settings).close()
	after = len(temps_under(settings))
	return KillFigures(
		kills,
		mid_write,
		runs,
		tuple(failures),
		missing,
		left,
		after,
		running_runs(database),
		time.monotonic() - started,
	)
