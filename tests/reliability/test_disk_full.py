"""Issue 13 item 7: a full disk under the outputs folder or the data folder ends the run `failed` with
"disk full: N MB free in FOLDER" (no Gradio generic error, no SQL), leaves no temp file, and the app goes on."""

import re
from pathlib import Path

import pytest

from localai_ui.schemas.progress import RunStatus
from tests.reliability.full_disks import full_disk_runs, full_message


@pytest.mark.timeout(180)
def test_a_full_outputs_or_data_disk_fails_the_run_with_the_room_left(tmp_path: Path, tiny_models_dir: Path) -> None:
	figures = full_disk_runs(tmp_path, tiny_models_dir)
	assert re.search(full_message(figures.outputs_folder), figures.outputs_message), figures.outputs_message
	assert figures.outputs_row is RunStatus.FAILED
	assert re.search(full_message(figures.outputs_folder), figures.outputs_row_error)
	assert re.search(full_message(figures.data_folder), figures.data_message), figures.data_message
	assert 'sql' not in figures.data_message.lower()
	assert figures.temps_left == 0 and figures.recovered
