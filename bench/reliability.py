"""Issue 13's figures, probed from outside as an attacker and a clumsy user would: malformed library entries, path
traversal, 8 clients with cancels, SIGKILLs, full disks, LAN guards and prompt bounds. Runs the tests' probes on tiny
models (CPU, 64 px, 2 steps) and prints what each tried and what held.

	PYTHONPATH=. .venv/bin/python -m bench.reliability
	PYTHONPATH=. .venv/bin/python -m bench.reliability --kills 30 --jobs-each 6   # 48 jobs, as the issue's 50
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import pytest
from gradio_client.exceptions import AppError

from localai_ui.settings import settings_for
from tests.e2e.conftest import RunningApp, start_app, stop_app
from tests.reliability.apps import SMALL, api_client, lan_settings, library_folders, own_settings
from tests.reliability.crowd import crowd
from tests.reliability.full_disks import full_disk_runs
from tests.reliability.kills import kill_repeatedly
from tests.reliability.lan_probes import foreign_hosts, foreign_origins, own_origin_login, password_guessing
from tests.reliability.odd_kinds import ODD_KINDS
from tests.reliability.tally import poison, tally
from tests.reliability.traversal import field_traversal, file_route_traversal
from tests.tiny_models import save_tiny_models

LONG_PROMPT = 'x' * 2**20


def odd_entries(app: RunningApp, root: Path) -> None:
	print(f'Malformed entries ({len(ODD_KINDS)} kinds; mknod needs root), per library folder:')
	marker = root / 'a-pickle-ran'
	for folder, library in library_folders(app.context.libraries).items():
		figures = tally(library, poison(library.root, marker), marker)
		print(f'  {folder:<11} tried {figures.tried:>3}  handled {figures.handled:>3}  listed {figures.listed:>3}  '
			f'scan {figures.scan_s:.2f} s')  # fmt: skip
		for problem in figures.unhandled:
			print(f'    NOT HANDLED: {problem}')
	print(f'  pickle payload ran: {"YES" if marker.exists() else "no"}')


def traversal(app: RunningApp, root: Path) -> None:
	uploads = root / 'uploads'
	uploads.mkdir(parents=True)
	fields = field_traversal(app.context, root / 'outside', uploads)
	files = file_route_traversal(app.context, app.url, root / 'outside')
	print('Traversal inputs over every path and name field (5 libraries x 6 fields):')
	print(f'  tried {fields.tried}  refused {fields.refused}  kept inside {len(fields.accepted)}  '
		f'escapes {len(fields.escapes)}')  # fmt: skip
	for item in fields.accepted:
		print(f'    kept inside: {item}')
	print(f'  /gradio_api/file=: tried {files.tried}  refused {files.refused}  escapes {len(files.escapes)}')
	for item in (*fields.escapes, *files.escapes):
		print(f'    ESCAPE: {item}')


def concurrency(app: RunningApp, clients: int, jobs_each: int) -> None:
	figures = crowd(app, clients=clients, jobs_each=jobs_each)
	print(
		f'Concurrency: {figures.clients} clients, {figures.submitted} jobs, {figures.cancelled} cancelled while queued'
	)
	print(f'  results {figures.results}  completed rows {figures.completed_rows}  matched {figures.matched}  '
		f'in {figures.seconds:.1f} s')  # fmt: skip
	for problem in figures.problems:
		print(f'    MISMATCH: {problem}')


def timed_refusal(app: RunningApp, **values: object) -> str:
	client = api_client(app.url)
	started = time.monotonic()
	try:
		client.predict(api_name='/generate', **{**SMALL, **values})
	except AppError as error:
		return f'refused in {time.monotonic() - started:.2f} s: {str(error)[:90]}'
	return f'RAN in {time.monotonic() - started:.2f} s'


def prompt_bounds(app: RunningApp) -> None:
	print('Prompt bounds:')
	print(f'  1 MB prompt: {timed_refusal(app, prompt=LONG_PROMPT)}')
	print(f'  5,000 x BREAK: {timed_refusal(app, prompt="BREAK " * 5000)}')
	print(f'  1,600 x BREAK (9,600 chars): {timed_refusal(app, prompt="BREAK " * 1600)}')
	started = time.monotonic()
	api_client(app.url).predict(prompt='z ' * 4999, api_name='/generate', **SMALL)
	print(f'  longest allowed prompt (9,998 chars): ran in {time.monotonic() - started:.2f} s')


def kills(root: Path, count: int) -> None:
	models = root / 'models'
	models.mkdir(parents=True)
	flags = ['--data-dir', str(root / 'data'), '--models-dir', str(models), '--outputs-dir', str(root / 'out')]
	figures = kill_repeatedly(settings_for(flags), count)
	print(f'SIGKILLs: {figures.kills} at random points, {figures.mid_write} mid-write ({figures.runs_recorded} runs '
		f'recorded between them, {figures.seconds:.1f} s)')  # fmt: skip
	print(f'  integrity_check not ok: {len(figures.integrity_failures)}  rows to missing files: '
		f'{figures.rows_to_missing_files}  runs left running after start: {figures.running_after_start}')  # fmt: skip
	print(f'  temp files left by kills: {figures.temps_left}  after the next start: {figures.temps_after_start}')


def full_disks(root: Path, models: Path) -> None:
	print('Disk full (small tmpfs):')
	try:
		figures = full_disk_runs(root, models)
	except pytest.skip.Exception as skipped:
		print(f'  not measured: {skipped.msg}')
		return
	print(f'  outputs folder: "{figures.outputs_message}" (row {figures.outputs_row.value})')
	print(f'  data folder:    "{figures.data_message}"')
	print(f'  temp files left: {figures.temps_left}  a run with room again completed: {figures.recovered}')


def lan(root: Path, models: Path) -> None:
	app = start_app(own_settings(root / 'default', models))
	try:
		hosts = foreign_hosts(app.server)
	finally:
		stop_app(app)
	app = start_app(lan_settings(root / 'lan', models))
	try:
		origins = foreign_origins(app.server)
		own = own_origin_login(app.server).status_code
		login = password_guessing(app.server)
	finally:
		stop_app(app)
	print('LAN guards:')
	print(f'  foreign hosts (default mode): tried {hosts.tried}  refused {hosts.refused}')
	print(
		f'  foreign origins (--listen --auth): tried {origins.tried}  refused {origins.refused}  own page login {own}'
	)
	print(f'  {login.guesses} wrong passwords in {login.seconds:.2f} s: {login.checked} reached the check, '
		f'Retry-After {login.retry_after} s')  # fmt: skip
	print(f'  right password: locked-out client {login.same_client_right}, another client {login.other_client_right}')
	print(f'  log: {login.logged[0] if login.logged else "(nothing logged)"}')


def main() -> None:
	parser = argparse.ArgumentParser(description="Issue 13's reliability and security figures.")
	parser.add_argument('--kills', type=int, default=20)
	parser.add_argument('--clients', type=int, default=8)
	parser.add_argument('--jobs-each', type=int, default=3)
	args = parser.parse_args()
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		os.environ.setdefault('GRADIO_TEMP_DIR', str(root / 'gradio'))
		models = root / 'tiny-models'
		save_tiny_models(models)
		imports = root / 'imports'
		imports.mkdir()
		app = start_app(own_settings(root / 'app', models, '--import-dir', str(imports)))
		try:
			concurrency(app, args.clients, args.jobs_each)
			prompt_bounds(app)
			traversal(app, root / 'app')
			odd_entries(app, root)
		finally:
			stop_app(app)
		kills(root / 'kills', args.kills)
		full_disks(root / 'disks', models)
		lan(root / 'lan', models)


if __name__ == '__main__':
	main()
