"""Issue 13 item 1 (and the pickle guarantee): every malformed kind in every library folder, added while the app
runs, is listed with its reason; the scan, the start, /list_models and a run with a LoRA all go on."""

from dataclasses import replace
from pathlib import Path

import pytest
from gradio_client import Client

from tests.e2e.conftest import free_port, start_app, stop_app
from tests.e2e.test_api import outputs_of
from tests.reliability.apps import GOOD_LORA, SMALL, api_client, library_folders, listed_models, own_settings
from tests.reliability.odd_kinds import ODD_KINDS
from tests.reliability.payloads import payload_ran
from tests.reliability.tally import FolderTally, poison, tally

MIN_KINDS = 59


def model_names(client: Client, *, refresh: bool = True) -> dict[str, str]:
	return {name: str(row['status']) for name, row in listed_models(client, refresh=refresh).items()}


@pytest.mark.timeout(240)
def test_odd_entries_in_every_folder_never_stop_a_scan_a_run_or_the_start(
	tmp_path: Path, tiny_models_dir: Path
) -> None:
	assert len(ODD_KINDS) >= MIN_KINDS
	settings = own_settings(tmp_path, tiny_models_dir)
	marker = tmp_path / 'a-pickle-ran'
	app = start_app(settings)
	try:
		tallies: list[FolderTally] = []
		for library in library_folders(app.context.libraries).values():
			tallies.append(tally(library, poison(library.root, marker), marker))
		assert [tally.unhandled for tally in tallies] == [()] * len(tallies)
		assert all(tally.tried >= MIN_KINDS - 1 and tally.handled == tally.tried for tally in tallies)
		client = api_client(app.url)
		listed = model_names(client)
		assert listed['tiny-sd15'] == 'ok' and sum(status != 'ok' for status in listed.values()) >= MIN_KINDS
		outputs = outputs_of(client.predict(prompt=f'a cat <lora:{GOOD_LORA}:0.8>', api_name='/generate', **SMALL))
		assert Path(str(outputs[3])).suffix == '.png'
		assert GOOD_LORA in str(outputs[1]), 'the LoRA library was not emptied: the run used the LoRA'
	finally:
		stop_app(app)
	restarted = start_app(replace(settings, port=free_port()))
	try:
		listed = model_names(api_client(restarted.url), refresh=False)
		assert listed['tiny-sd15'] == 'ok'
	finally:
		stop_app(restarted)
	assert not payload_ran(marker)
