"""The pipeline manager: the one owner of the device. Jobs run one at a time, first come first served."""

import queue
import threading
import time
from collections.abc import Callable, Generator
from datetime import UTC, datetime

from PIL.Image import Image

from localai_ui.cores.fast.mode import FastMode, FastOptions
from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.model_cache import ModelCache
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.pipeline.device_turns import run_in_turn
from localai_ui.cores.pipeline.gpu_queue import GpuQueue, Ticket
from localai_ui.cores.pipeline.worker import JobWorker
from localai_ui.cores.safety.gate import SafetyGate
from localai_ui.cores.upscale.one_image import upscale_with
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.engine import UpscaleChoice
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, RunStatus, Started, Waiting

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
WAITING_EVERY_S = 2.0  # a waiting run says its place when it changes, and refreshes its estimate this often


class PipelineManager:
	"""Loads models and runs jobs; `generate` is an iterator of waiting notes, step updates, batches and a result."""

	def __init__(
		self,
		plan: DevicePlan,
		loras: LoraApplier,
		loader: Loader = load_model,
		ram_cache_bytes: int = 0,
		safety: SafetyGate | None = None,
		fast: FastOptions | None = None,
	) -> None:
		self.plan = plan
		self.loras = loras
		self.queue = GpuQueue()
		self.fast = None if fast is None else FastMode(fast, self._in_turn)  # --fast: the UNet compiled per size
		self._cache = ModelCache(plan, loader if self.fast is None else self.fast.loader(loader), ram_cache_bytes)
		self._speed: float | None = None
		self.safety = safety  # the checker's gate: loaded only by a job with safety_check on

	@property
	def busy(self) -> bool:
		return self.queue.busy

	@property
	def loaded_model(self) -> ModelInfo | None:
		loaded = self._cache.active
		return loaded.info if loaded else None

	@property
	def cached_models(self) -> list[ModelInfo]:
		"""Every model held in memory (the loaded one and those cached in RAM), least recently used first."""
		return self._cache.cached

	def load(self, info: ModelInfo, cancel: CancelToken) -> bool:
		"""Make `info` the loaded model in its turn (waits for running jobs); False when cancelled first."""
		ticket = self.queue.take(0)
		try:
			while (turn := self.queue.wait_turn(ticket, cancel)) is None:
				continue
			if turn:
				self._cache.get(info)
			return turn
		finally:
			self.queue.release(ticket)

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]:
		"""Run `job` in its turn; the device is held from the first step to the last and freed in every case."""
		started = datetime.now(UTC)
		ticket = self.queue.take(job.request.steps * job.request.batch_count)
		told: tuple[Waiting, float] | None = None
		try:
			while (turn := self.queue.wait_turn(ticket, cancel)) is None:
				waiting, now = self._waiting(ticket), time.monotonic()
				if told is None or waiting.ahead != told[0].ahead or now - told[1] >= WAITING_EVERY_S:
					told = (waiting, now)
					yield waiting
			if not turn:
				yield GenerationResult(RunStatus.INTERRUPTED, (), started, datetime.now(UTC), None)
				return
			yield Started(datetime.now(UTC))
			yield from self._run(job, cancel, ticket)
		finally:
			self.queue.release(ticket)

	def upscale(
		self, choice: UpscaleChoice, image: Image, factor: float, cancel: CancelToken
	) -> Generator[Waiting | Started, None, Image | None]:
		"""Upscale `image` on the device in its turn, in the same line as generations; None if cancelled first."""
		return run_in_turn(
			self.queue, lambda: upscale_with(choice, image, factor, self.plan.device), cancel, self._waiting
		)

	def unload(self, info: ModelInfo | None = None) -> None:
		"""Drop `info` (every model when None) from memory and give it back, in its turn."""
		ticket = self.queue.take(0)
		try:
			while not self.queue.wait_turn(ticket, CancelToken()):
				continue
			self._cache.drop(info)
		finally:
			self.queue.release(ticket)

	def _in_turn(self, task: Callable[[], None]) -> None:
		"""The app's own device work (a background compile) in the same line as jobs, never beside one."""
		for _ in run_in_turn(self.queue, task, CancelToken(), self._waiting):
			pass

	def _waiting(self, ticket: Ticket) -> Waiting:
		place = self.queue.place(ticket)
		eta = place.steps_ahead / self._speed if self._speed and place.steps_ahead else None
		return Waiting(place.ahead, eta)

	def _run(self, job: GenerationJob, cancel: CancelToken, ticket: Ticket) -> Generator[GenerationEvent]:
		events: queue.Queue[GenerationEvent] = queue.Queue()

		def release() -> None:
			self.queue.release(ticket)

		def progress(done: int, total: int) -> None:
			ticket.done, ticket.work = done, total

		worker = JobWorker(job, cancel, self._cache, events.put, release, self.loras, progress, self.safety)
		thread = threading.Thread(target=worker.run, name='localai-gpu-job', daemon=True)
		thread.start()
		try:
			while True:
				event = events.get()
				if isinstance(event, GenerationResult) and event.it_per_s:
					self._speed = event.it_per_s
				yield event
				if isinstance(event, GenerationResult):
					return
		finally:
			if thread.is_alive():
				cancel.cancel()
			thread.join()
