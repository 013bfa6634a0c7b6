"""The pipeline manager: the one owner of the device. Jobs run one at a time behind a lock."""

import queue
import threading
from collections.abc import Callable, Generator
from datetime import UTC, datetime

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.cores.pipeline.device import DevicePlan
from localai_ui.cores.pipeline.loader import LoadedModel, load_model
from localai_ui.cores.pipeline.model_cache import ModelCache
from localai_ui.cores.pipeline.worker import JobWorker
from localai_ui.cores.prompts.library import EmbeddingLibrary
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, RunStatus

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
_LOCK_POLL_S = 0.1


class PipelineManager:
	"""Loads models and runs jobs; `generate` is an iterator of step updates, batches and a final result."""

	def __init__(
		self,
		plan: DevicePlan,
		loader: Loader = load_model,
		ram_cache_bytes: int = 0,
		embeddings: EmbeddingLibrary | None = None,
		loras: LoraApplier | None = None,
	) -> None:
		self.plan = plan
		self.embeddings = embeddings
		self.loras = loras
		self._lock = threading.Lock()
		self._cache = ModelCache(plan, loader, ram_cache_bytes)

	@property
	def busy(self) -> bool:
		return self._lock.locked()

	@property
	def loaded_model(self) -> ModelInfo | None:
		loaded = self._cache.active
		return loaded.info if loaded else None

	@property
	def cached_models(self) -> list[ModelInfo]:
		"""Every model held in memory (the loaded one and those cached in RAM), least recently used first."""
		return self._cache.cached

	def load(self, info: ModelInfo, cancel: CancelToken) -> bool:
		"""Make `info` the loaded model under the GPU lock (waits for a running job); False when cancelled."""
		if not self._acquire(cancel):
			return False
		try:
			self._cache.get(info)
		finally:
			self._lock.release()
		return True

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]:
		"""Run `job` on the device; the lock is held from start to the last step and freed in every case."""
		started = datetime.now(UTC)
		if not self._acquire(cancel):
			yield GenerationResult(RunStatus.INTERRUPTED, (), started, datetime.now(UTC), None)
			return
		events: queue.Queue[GenerationEvent] = queue.Queue()
		worker = JobWorker(
			job, cancel, self._ensure_loaded, events.put, self._lock.release, self.embeddings, self.loras
		)
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

	def unload(self, info: ModelInfo | None = None) -> None:
		"""Drop `info` (every model when None) from memory and give it back (waits for a running job)."""
		with self._lock:
			self._cache.drop(info)

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
		return self._cache.get(info)
