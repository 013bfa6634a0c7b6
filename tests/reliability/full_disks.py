"""Runs through the API while the outputs folder, then the data folder, sits on a full tmpfs; then with room again."""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from gradio_client.exceptions import AppError

from localai_ui.schemas.progress import RunStatus
from localai_ui.settings import settings_for
from tests.e2e.conftest import free_port, start_app, stop_app
from tests.e2e.test_api import latest_id, outputs_of, record
from tests.reliability.apps import SMALL, api_client
from tests.reliability.small_disk import fill, small_disks

DATA_KB, OUTPUTS_KB = 8 * 1024, 1024


@dataclass(frozen=True)
class FullDiskFigures:
	"""What the caller read when each disk was full, how the outputs run was recorded, what was left behind."""

	outputs_folder: Path
	data_folder: Path
	outputs_message: str
	outputs_row: RunStatus
	outputs_row_error: str
	data_message: str
	temps_left: int
	recovered: bool  # a run with room again completed


def full_message(folder: Path) -> str:
	return rf'disk full: \d+ MB free in {re.escape(str(folder))}'


def refusal(call: Callable[[], object]) -> str:
	"""The message of the AppError `call` raised ('' when it did not raise)."""
	try:
		call()
	except AppError as error:
		return str(error)
	return ''


def full_disk_runs(root: Path, tiny_models_dir: Path) -> FullDiskFigures:
	"""Mount the two small disks (skips where it cannot), run once with room, once per full disk, once with room."""
	data, outputs = root / 'data', root / 'outputs'
	with small_disks((data, DATA_KB), (outputs, OUTPUTS_KB)):
		flags = ['--data-dir', str(data), '--models-dir', str(tiny_models_dir), '--outputs-dir', str(outputs)]
		app = start_app(replace(settings_for([*flags, '--device', 'cpu', '--ram-cache-gb', '1']), port=free_port()))
		try:
			client = api_client(app.url)

			def run(prompt: str) -> object:
				return client.predict(prompt=prompt, api_name='/generate', **SMALL)

			run('room')
			filler = fill(outputs)
			outputs_message = refusal(lambda: run('outputs full'))
			outputs_row = record(app, latest_id(app))
			temps = len(list(outputs.rglob('*.tmp')))
			filler.unlink()
			filler = fill(data)
			data_message = refusal(lambda: run('data full'))
			filler.unlink()
			last = outputs_of(run('room again'))
			recovered = str(last[3]).endswith('.png') and record(app, latest_id(app)).status is RunStatus.COMPLETED
		finally:
			stop_app(app)
	return FullDiskFigures(
		outputs, data, outputs_message, outputs_row.status, str(outputs_row.error), data_message, temps, recovered
	)
