"""The body of one job, run on its own thread so the caller can stream its updates."""

from collections.abc import Callable
from datetime import UTC, datetime

import torch

from localai_ui.cores.loading.model_cache import ModelCache
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.pipeline.runner import BatchSpec, RunInterrupted, StepClock, run_batch
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.progress import (
	GeneratedImage,
	GenerationEvent,
	GenerationJob,
	GenerationResult,
	ImagesReady,
	ModelLoading,
	RunStatus,
	StepUpdate,
)
from localai_ui.services.embedding_files.load import load_embedding


class JobWorker:
	"""Runs every batch of a job, emits events, and frees the device before emitting the final result."""

	def __init__(
		self,
		job: GenerationJob,
		cancel: CancelToken,
		models: ModelCache,
		emit: Callable[[GenerationEvent], None],
		release: Callable[[], None],
		loras: LoraApplier,
		progress: Callable[[int, int], None],
	) -> None:
		self._job = job
		self._cancel = cancel
		self._models = models
		self._emit = emit
		self._release = release
		self._loras = loras
		self._progress = progress

	def run(self) -> None:
		started = datetime.now(UTC)
		images: list[GeneratedImage] = []
		clock = StepClock()
		status, error = RunStatus.COMPLETED, None
		try:
			status = self._run_batches(images, clock)
		except RunInterrupted:
			status = RunStatus.INTERRUPTED
		except torch.OutOfMemoryError:
			status, error = RunStatus.FAILED, self._out_of_memory_message()
		except LocalAIError as failure:
			status, error = RunStatus.FAILED, str(failure)
		except Exception as failure:
			status, error = RunStatus.FAILED, f'{type(failure).__name__}: {failure}'
		finally:
			self._release()
		rate = clock.done / (clock.now() - clock.started) if clock.started is not None and clock.done else None
		self._emit(GenerationResult(status, tuple(images), started, datetime.now(UTC), rate, error))

	def _step(self, update: StepUpdate, clock: StepClock) -> None:
		self._progress(clock.done, clock.total_steps)
		self._emit(update)

	def _run_batches(self, images: list[GeneratedImage], clock: StepClock) -> RunStatus:
		if not self._models.holds(self._job.model):
			self._emit(ModelLoading(self._job.model.name))
		model = self._models.get(self._job.model)
		self._loras.apply(model, self._job.loras)  # on every job: an empty set removes an earlier job's LoRAs
		embeddings = [load_embedding(info) for info in self._job.embeddings]
		size = self._job.request.batch_size
		count = self._job.request.batch_count
		for index in range(count):
			seeds = self._job.seeds[index * size : (index + 1) * size]
			spec = BatchSpec(index, count, seeds)
			batch = run_batch(
				model, self._job, spec, self._cancel, clock, lambda update: self._step(update, clock), embeddings
			)
			images.extend(batch)
			self._emit(ImagesReady(index, batch))
		return RunStatus.COMPLETED

	def _out_of_memory_message(self) -> str:
		request = self._job.request
		return (
			f'Out of memory at {request.width}x{request.height}, batch size {request.batch_size}: '
			'lower the size or the batch size, or close other programs using the GPU'
		)
