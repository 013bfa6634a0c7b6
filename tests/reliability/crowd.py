"""Many API clients at once, some cancelling queued jobs: every job that was not cancelled returns its PNG, and the
history holds exactly one completed row per result, its image on disk."""

import time
from dataclasses import dataclass
from pathlib import Path

from gradio_client.client import Job
from gradio_client.utils import Status

from localai_ui.database import crud as database_service
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord, ImageRecord
from tests.e2e.conftest import RunningApp
from tests.e2e.test_api import outputs_of
from tests.reliability.apps import SMALL, api_client

RESULT_TIMEOUT_S = 120.0
WAITING = (Status.IN_QUEUE, Status.PROCESSING, Status.ITERATING)  # in Gradio's queue, or waiting for the device
CROWD = 'crowd'  # every prompt of the crowd starts so; other rows in the history are not counted


@dataclass(frozen=True)
class CrowdFigures:
	"""`problems` names each job, row or file that does not match; empty when results and rows agree."""

	clients: int
	submitted: int
	cancelled: int
	results: int
	completed_rows: int
	matched: int
	seconds: float
	problems: tuple[str, ...]


@dataclass(frozen=True)
class Submitted:
	prompt: str
	job: Job
	cancelled: bool


def history(app: RunningApp) -> list[tuple[GenerationRecord, list[ImageRecord]]]:
	"""Every run with its images."""
	with app.context.database.transaction() as session:
		count = database_service.count_generations(session)
		runs = [database_service.get_generation(session, generation_id=number) for number in range(1, count + 1)]
		return [(run, database_service.list_images(session, generation_id=run.id)) for run in runs if run is not None]


def submit_all(app: RunningApp, clients: int, jobs_each: int) -> list[Submitted]:
	"""Round by round, each client submits one job; in the second round every other client cancels its own job."""
	callers = [api_client(app.url) for _ in range(clients)]
	submitted: list[Submitted] = []
	for round_number in range(jobs_each):
		for index, caller in enumerate(callers):
			prompt = f'{CROWD} client {index} job {round_number}'
			job = caller.submit(prompt=prompt, seed=index * 100 + round_number, api_name='/generate', **SMALL)
			cancel = round_number == 1 and index % 2 == 0
			if cancel:
				cancel_when_waiting(job)
			submitted.append(Submitted(prompt, job, cancel))
	return submitted


def cancel_when_waiting(job: Job) -> None:
	"""Cancel `job` once the server has it waiting (in Gradio's queue, or for the device behind earlier runs)."""
	deadline = time.monotonic() + RESULT_TIMEOUT_S
	while job.status().code not in WAITING:
		if time.monotonic() > deadline:
			raise TimeoutError('a job to cancel never reached the server')
		time.sleep(0.01)
	if not job.cancel():
		raise RuntimeError('gradio_client did not send the cancel')


def crowd(app: RunningApp, clients: int = 8, jobs_each: int = 3) -> CrowdFigures:
	"""Run the crowd and match what the clients got against the history rows and the files."""
	started = time.monotonic()
	submitted = submit_all(app, clients, jobs_each)
	problems: list[str] = []
	results: dict[str, str] = {}
	for item in submitted:
		if item.cancelled:
			continue
		outputs = outputs_of(item.job.result(timeout=RESULT_TIMEOUT_S))
		results[item.prompt] = Path(str(outputs[3])).name
	seconds = time.monotonic() - started
	cancelled = {item.prompt for item in submitted if item.cancelled}
	outputs_dir = app.context.settings.outputs_dir
	matched = completed = 0
	runs = [(run, images) for run, images in history(app) if run.prompt.startswith(CROWD)]
	for run, images in runs:
		if run.status is RunStatus.RUNNING:
			problems.append(f'{run.prompt}: still running')
		if run.status is not RunStatus.COMPLETED:
			continue
		completed += 1
		names = [Path(image.path).name for image in images]
		missing = [image.path for image in images if not (outputs_dir / image.path).is_file()]
		if missing:
			problems.append(f'{run.prompt}: rows point at missing files {missing}')
		if run.prompt in results and results[run.prompt] in names:
			matched += 1
		elif run.prompt in cancelled:
			problems.append(f'{run.prompt}: cancelled while waiting, yet it ran to the end')
		else:
			problems.append(f'{run.prompt}: completed row {names} matches no result')
	unmatched = set(results) - {run.prompt for run, _ in runs if run.status is RunStatus.COMPLETED}
	problems += [f'{prompt}: a result with no completed row' for prompt in sorted(unmatched)]
	return CrowdFigures(
		clients, len(submitted), len(cancelled), len(results), completed, matched, seconds, tuple(problems)
	)
