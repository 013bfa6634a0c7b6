"""What /progress, /interrupt and /skip see: the API's runs in arrival order, each with its step, batch, ETA and last
live preview, and its cancel token. The runs themselves wait in the pipeline manager's line like the UI's."""

import threading
import time
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from PIL.Image import Image

from localai_ui.features.generate.service import RunUpdate
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.progress import ModelLoading, Started, StepUpdate, Waiting


@dataclass
class ApiJob:
	"""One API run; `waiting` while another run holds the device, `note` what /progress shows as textinfo."""

	job: str
	job_count: int
	cancel: CancelToken = field(default_factory=CancelToken)
	timestamp: str = field(default_factory=lambda: datetime.now().strftime('%Y%m%d%H%M%S'))
	started: float = field(default_factory=time.monotonic)
	waiting: bool = False
	job_no: int = 0
	step: int = 0
	steps: int = 0
	eta_s: float = 0.0
	preview: Image | None = None
	note: str | None = None
	interrupted: bool = False
	skipped: bool = False


@dataclass(frozen=True)
class JobView:
	"""A copy of a job's state taken under the board's lock."""

	job: str
	job_count: int
	timestamp: str
	job_no: int
	step: int
	steps: int
	eta_s: float
	elapsed_s: float
	preview: Image | None
	note: str | None
	interrupted: bool
	skipped: bool
	waiting: bool


class ProgressBoard:
	"""The API's runs, oldest first; thread-safe (runs update it from worker threads, /progress reads it)."""

	def __init__(self) -> None:
		self._lock = threading.Lock()
		self._jobs: list[ApiJob] = []

	@contextmanager
	def track(self, job: str, job_count: int) -> Generator[ApiJob]:
		"""A new job on the board while the block runs."""
		entry = ApiJob(job, job_count)
		with self._lock:
			self._jobs.append(entry)
		try:
			yield entry
		finally:
			with self._lock:
				self._jobs.remove(entry)

	def update(self, entry: ApiJob, update: RunUpdate | Started) -> None:
		"""Follow what the run reports (an upscale reports only Waiting and Started)."""
		with self._lock:
			entry.waiting = isinstance(update, Waiting)
			if isinstance(update, Started):
				entry.note = f'Running {entry.job}'
			elif isinstance(update, Waiting):
				ahead = 'run' if update.ahead == 1 else 'runs'
				entry.note = f'Waiting: {update.ahead} {ahead} ahead'
			elif isinstance(update, ModelLoading):
				entry.note = f'Loading {update.name}'
			elif isinstance(update, StepUpdate):
				entry.job_no, entry.step, entry.steps = update.batch_index, update.step, update.total
				entry.eta_s = update.eta_s
				entry.preview = update.preview or entry.preview
				entry.note = f'Step {update.step}/{update.total}' + (f' ({update.phase})' if update.phase else '')

	def current(self) -> JobView | None:
		"""The run that holds the device (the oldest one not waiting), else the oldest waiting one, else None."""
		with self._lock:
			running = next((entry for entry in self._jobs if not entry.waiting), None)
			entry = running or (self._jobs[0] if self._jobs else None)
			return None if entry is None else _view(entry)

	def stop_current(self, *, skip: bool) -> bool:
		"""Stop the API run that holds the device (its images so far are kept); False when none does."""
		with self._lock:
			running = next((entry for entry in self._jobs if not entry.waiting), None)
			if running is None:
				return False
			running.interrupted = running.interrupted or not skip
			running.skipped = running.skipped or skip
		running.cancel.cancel()
		return True

	@property
	def count(self) -> int:
		with self._lock:
			return len(self._jobs)


def _view(entry: ApiJob) -> JobView:
	return JobView(
		job=entry.job,
		job_count=entry.job_count,
		timestamp=entry.timestamp,
		job_no=entry.job_no,
		step=entry.step,
		steps=entry.steps,
		eta_s=entry.eta_s,
		elapsed_s=time.monotonic() - entry.started,
		preview=entry.preview,
		note=entry.note,
		interrupted=entry.interrupted,
		skipped=entry.skipped,
		waiting=entry.waiting,
	)
