"""The pipeline manager: the one owner of the device. Jobs run one at a time behind a lock."""

import queue
import threading
from collections.abc import Callable, Generator
from datetime import UTC, datetime

from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.cores.pipeline.device import DevicePlan
from localai_ui.cores.pipeline.loader import LoadedModel, load_model, release_memory
from localai_ui.cores.pipeline.worker import JobWorker
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, RunStatus

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
_LOCK_POLL_S = 0.1


class PipelineManager:
	"""Loads models and runs jobs; `generate` is an iterator of step updates, batches and a final result."""

	def __init__(self, plan: DevicePlan, loader: Loader = load_model) -> None:
		self.plan = plan
		self._loader = loader
		self._lock = threading.Lock()
		self._loaded: LoadedModel | None = None

	@property
	def busy(self) -> bool:
		return self._lock.locked()

	@property
	def loaded_model(self) -> ModelInfo | None:
		loaded = self._loaded
		return loaded.info if loaded else None

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]:
		"""Run `job` on the device; the lock is held from start to the last step and freed in every case."""
		started = datetime.now(UTC)
		if not self._acquire(cancel):
			yield GenerationResult(RunStatus.INTERRUPTED, (), started, datetime.now(UTC), None)
			return
		events: queue.Queue[GenerationEvent] = queue.Queue()
		worker = JobWorker(job, cancel, self._ensure_loaded, events.put, self._lock.release)
		thread = threading.Thread(target=worker.run, name='localai-gpu-job', daemon=True)
		try:
			thread.start()
		except BaseException:
			self._lock.release()
			raise
		try:
			while True:
				event = events.get()
				yield event
				if isinstance(event, GenerationResult):
					return
		finally:
			if thread.is_alive():
				cancel.cancel()
			thread.join()

	def unload(self) -> None:
		"""Drop the loaded model and give its memory back (waits for a running job)."""
		with self._lock:
			self._drop()

	def _acquire(self, cancel: CancelToken) -> bool:
		while not self._lock.acquire(timeout=_LOCK_POLL_S):
			if cancel.cancelled:
				return False
		if cancel.cancelled:
			self._lock.release()
			return False
		return True

	def _ensure_loaded(self, info: ModelInfo) -> LoadedModel:
		"""Called by the worker with the lock held: switch models when the job asks for another one."""
		loaded = self._loaded
		if loaded is not None and loaded.info == info:
			return loaded
		self._drop()
		self._loaded = self._loader(info, self.plan)
		return self._loaded

	def _drop(self) -> None:
		if self._loaded is not None:
			self._loaded = None
			release_memory(self.plan.device)
