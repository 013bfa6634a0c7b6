"""Downloads running in the background, each with a status the UI and the API poll, and a cancel."""

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Literal

import httpx

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_errors import DownloadCancelledError, DownloadError
from localai_ui.services.downloads.download import TIMEOUT_S, Progress, Validate, download
from localai_ui.services.downloads.partials import forget_source, remember_source
from localai_ui.services.safetensors.header import read_header

DownloadState = Literal['running', 'done', 'failed', 'cancelled']
Finished = Callable[[Path], None]
Task = Callable[[CancelToken, Progress], Path]


@dataclass(frozen=True)
class DownloadStatus:
	"""Where one download stands; `total` is None when the server did not say."""

	id: str
	name: str
	url: str
	state: DownloadState
	received: int = 0
	total: int | None = None
	error: str | None = None

	@property
	def fraction(self) -> float | None:
		return self.received / self.total if self.total else None


def default_client() -> httpx.Client:
	return httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)


class DownloadJobs:
	"""Starts downloads on threads; `on_finished` runs with the final path (the library refreshes then)."""

	def __init__(
		self,
		on_finished: Finished,
		client: Callable[[], httpx.Client] = default_client,
		validate: Validate = read_header,
	) -> None:
		self._on_finished = on_finished
		self._client = client
		self._validate = validate
		self._lock = threading.Lock()
		self._statuses: dict[str, DownloadStatus] = {}
		self._cancels: dict[str, CancelToken] = {}
		self._threads: list[threading.Thread] = []

	def start(self, url: str, target: Path, sha256: str | None) -> DownloadStatus:
		"""Begin downloading `url` to `target` (a .part until verified); returns its first status."""
		if self.running(target.name):
			raise DownloadError(f'{target.name} is already being downloaded')
		remember_source(target, url, sha256)  # a full disk says so now, before a download that cannot be written
		fetch_to = partial(download, url, target, sha256=sha256, validate=self._validate)

		def fetch(cancel: CancelToken, progress: Progress) -> Path:
			try:
				with self._client() as client:
					return fetch_to(cancel=cancel, progress=progress, client=client)
			finally:
				forget_source(target)

		return self.start_task(target.name, url, fetch)

	def start_task(self, name: str, url: str, task: Task) -> DownloadStatus:
		"""Run `task(cancel, progress)` on a thread as the download of `name` (one URL, or a hub repo's files)."""
		job_id, cancel = secrets.token_hex(6), CancelToken()
		with self._lock:
			if self.running(name):
				raise DownloadError(f'{name} is already being downloaded')
			self._statuses[job_id] = status = DownloadStatus(job_id, name, url, 'running')
			self._cancels[job_id] = cancel
		thread = threading.Thread(target=self._run, args=(job_id, name, task, cancel), name='download', daemon=True)
		self._threads.append(thread)
		thread.start()
		return status

	def status(self, job_id: str) -> DownloadStatus:
		with self._lock:
			found = self._statuses.get(job_id)
		if found is None:
			raise DownloadError(f'no download with id {job_id!r}')
		return found

	def running(self, name: str) -> bool:
		"""Whether a download to a file called `name` is under way."""
		return any(status.state == 'running' and status.name == name for status in list(self._statuses.values()))

	def statuses(self) -> list[DownloadStatus]:
		with self._lock:
			return list(self._statuses.values())

	def cancel(self, job_id: str) -> DownloadStatus:
		"""Ask a running download to stop; its `.part` is removed."""
		status = self.status(job_id)
		self._cancels[job_id].cancel()
		return status

	def close(self, timeout_s: float = 5.0) -> None:
		"""Cancel every download and wait for the threads (the app is closing)."""
		for token in list(self._cancels.values()):
			token.cancel()
		for thread in self._threads:
			thread.join(timeout_s)

	def _set(self, job_id: str, change: Callable[[DownloadStatus], DownloadStatus]) -> None:
		with self._lock:
			self._statuses[job_id] = change(self._statuses[job_id])

	def _end(self, job_id: str, state: DownloadState, message: str) -> None:
		self._set(job_id, lambda status: replace(status, state=state, error=message))

	def _run(self, job_id: str, name: str, task: Task, cancel: CancelToken) -> None:
		def progress(received: int, total: int | None) -> None:
			self._set(job_id, lambda status: replace(status, received=received, total=total))

		try:
			path = task(cancel, progress)
		except DownloadCancelledError as error:
			self._end(job_id, 'cancelled', str(error))
		except Exception as error:  # a job always ends: `failed` with the reason, never `running` forever
			self._end(job_id, 'failed', str(error) if isinstance(error, LocalAIError) else _unexpected(name, error))
		else:
			self._arrived(job_id, path)

	def _arrived(self, job_id: str, path: Path) -> None:
		try:
			self._on_finished(path)
		except Exception as error:  # the file is in place; only the library refresh failed
			self._end(job_id, 'done', f'{path.name}: downloaded, but the library could not list it yet: {error}')
		else:
			self._set(job_id, lambda status: replace(status, state='done'))


def _unexpected(name: str, error: Exception) -> str:
	return f'{name}: the download failed: {type(error).__name__}: {error}'
