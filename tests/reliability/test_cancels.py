"""Issue 13 item 9 and the concurrency guarantee: a client's cancel stops only the job it names, and 8 clients with
cancels mixed in get every result, one completed history row per result, each image on disk."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.client import Job
from gradio_client.utils import Status

from localai_ui.schemas.progress import RunStatus
from tests.e2e.conftest import RunningApp, start_app, stop_app
from tests.e2e.test_api import outputs_of
from tests.reliability.apps import SMALL, api_client, own_settings
from tests.reliability.crowd import WAITING, crowd, history

LONG = {**SMALL, 'steps': 40}
WAIT_S = 60.0


@pytest.fixture(scope='module')
def app(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> Iterator[RunningApp]:
	running = start_app(own_settings(tmp_path_factory.mktemp('cancels'), tiny_models_dir))
	yield running
	stop_app(running)


def wait(condition: str, check: object) -> None:
	deadline = time.monotonic() + WAIT_S
	while not (check() if callable(check) else check):
		assert time.monotonic() < deadline, f'timed out waiting: {condition}'
		time.sleep(0.02)


def statuses(app: RunningApp) -> dict[str, RunStatus]:
	return {run.prompt: run.status for run, _ in history(app)}


def running_then_queued(app: RunningApp, client: Client, tag: str) -> tuple[Job, Job]:
	running = client.submit(prompt=f'{tag} running', api_name='/generate', **LONG)
	wait('the first job runs', lambda: running.status().code is Status.ITERATING)
	queued = client.submit(prompt=f'{tag} queued', api_name='/generate', **SMALL)
	wait('the second job waits its turn', lambda: queued.status().code in WAITING)
	return running, queued


def test_cancelling_a_queued_job_leaves_the_running_one(app: RunningApp) -> None:
	client = api_client(app.url)
	running, queued = running_then_queued(app, client, 'keep')
	assert queued.cancel() and not running.done()
	outputs = outputs_of(running.result(timeout=WAIT_S))
	assert str(outputs[3]).endswith('.png')
	wait('the cancelled job ends', queued.done)
	found = statuses(app)
	assert found['keep running'] is RunStatus.COMPLETED and 'keep queued' not in found


def test_cancelling_the_running_job_leaves_the_queued_one(app: RunningApp) -> None:
	client = api_client(app.url)
	running, queued = running_then_queued(app, client, 'stop')
	assert running.cancel()
	outputs = outputs_of(queued.result(timeout=WAIT_S))
	assert str(outputs[3]).endswith('.png')
	wait('the stopped run is recorded', lambda: statuses(app).get('stop running') is RunStatus.INTERRUPTED)
	assert statuses(app)['stop queued'] is RunStatus.COMPLETED


def test_eight_clients_with_cancels_get_every_result_and_one_row_each(app: RunningApp) -> None:
	figures = crowd(app, clients=8, jobs_each=2)
	assert figures.problems == ()
	assert (figures.submitted, figures.cancelled, figures.results) == (16, 4, 12)
	assert figures.matched == figures.results == figures.completed_rows
