"""The body of one job, run on its own thread so the caller can stream its updates."""

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

import torch

from localai_ui.cores.loading.model_cache import ModelCache
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.pipeline.hires import model_upscale
from localai_ui.cores.pipeline.image_inputs import prepare_inputs
from localai_ui.cores.pipeline.runner import BatchSpec, BatchTools, RunInterrupted, StepClock, run_batch
from localai_ui.cores.safety.errors import SafetyCheckerMissingError
from localai_ui.cores.safety.gate import SafetyGate
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
		safety: SafetyGate | None = None,
	) -> None:
		self._job = job
		self._cancel = cancel
		self._models = models
		self._emit = emit
		self._release = release
		self._loras = loras
		self._progress = progress
		self._safety = safety

	def run(self) -> None:
		started = datetime.now(UTC)
		images: list[GeneratedImage] = []
		clock = StepClock()
		status, error, lighter = RunStatus.COMPLETED, None, None
		try:
			status = self._run_batches(images, clock)
		except RunInterrupted:
			status = RunStatus.INTERRUPTED
		except torch.OutOfMemoryError:  # the message names the mode that would have fitted, which is offered too
			status = RunStatus.FAILED
			error, lighter = self._models.out_of_memory(self._job.model, self._run_size())
		except LocalAIError as failure:
			status, error = RunStatus.FAILED, str(failure)
		except Exception as failure:
			status, error = RunStatus.FAILED, f'{type(failure).__name__}: {failure}'
		finally:
			self._release()
		rate = clock.done / (clock.now() - clock.started) if clock.started is not None and clock.done else None
		self._emit(GenerationResult(status, tuple(images), started, datetime.now(UTC), rate, error, lighter))

	def _step(self, update: StepUpdate, clock: StepClock) -> None:
		self._progress(clock.done, clock.total_steps)
		self._emit(update)

	def _run_batches(self, images: list[GeneratedImage], clock: StepClock) -> RunStatus:
		if not self._models.holds(self._job.model):
			self._emit(ModelLoading(self._job.model.name))
		model = self._models.get(self._job.model, self._run_size())  # the run's size switches the VAE savers
		self._loras.apply(model, self._job.loras)  # on every job: an empty set removes an earlier job's LoRAs
		job = self._job
		inputs = None if job.init_image is None else prepare_inputs(job.request, job.init_image, job.mask, job.seeds[0])
		upscale = model_upscale(job.hires_upscaler, model.pipeline.device) if job.request.hires else None
		tools = BatchTools([load_embedding(info) for info in job.embeddings], inputs, upscale)
		size = job.request.batch_size
		count = job.request.batch_count
		for index in range(count):
			seeds = job.seeds[index * size : (index + 1) * size]
			spec = BatchSpec(index, count, seeds)
			batch = run_batch(model, job, spec, self._cancel, clock, lambda update: self._step(update, clock), tools)
			if job.safety_check:
				batch = self._checked(batch, model.pipeline.device)
			images.extend(batch)
			self._emit(ImagesReady(index, batch))
		return RunStatus.COMPLETED

	def _checked(self, batch: tuple[GeneratedImage, ...], device: torch.device) -> tuple[GeneratedImage, ...]:
		"""The batch with the safety checker's flags: after the decode, in this job's turn, for the checker's own cost."""
		if self._safety is None:
			raise SafetyCheckerMissingError('The safety checker is on, but this app was started without its folder.')
		flags = self._safety.flags([generated.image for generated in batch], device)
		return tuple(replace(generated, flagged=flag) for generated, flag in zip(batch, flags, strict=True))

	def _run_size(self) -> tuple[int, int, int]:
		"""(width, height, batch size) of the largest image the run decodes (the hires pass's, when it runs)."""
		request = self._job.request
		width, height = (
			request.hires_size(request.width, request.height) if request.hires else (request.width, request.height)
		)
		return width, height, request.batch_size
