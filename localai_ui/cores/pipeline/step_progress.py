"""Progress of a job's steps across batches and passes: speed, ETA, live previews, and Stop within one step."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from diffusers import DiffusionPipeline

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.pipeline.previews import PreviewThrottle, make_preview
from localai_ui.cores.pipeline.vae_codec import decode
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.progress import GenerationJob, StepUpdate

StepCallback = Callable[[DiffusionPipeline, int, torch.Tensor, dict[str, torch.Tensor]], dict[str, torch.Tensor]]


class RunInterrupted(Exception):  # noqa: N818 - a control-flow signal, not an error
	"""Raised from the step callback to stop a run with no final decode."""


@dataclass
class StepClock:
	"""Counts the model steps of a whole job to give it/s and an ETA."""

	total_steps: int = 0
	done: int = 0
	started: float | None = None
	now: Callable[[], float] = field(default=time.perf_counter)

	def start(self) -> None:
		if self.started is None:
			self.started = self.now()

	def tick(self) -> tuple[float, float]:
		"""Count one step; return (it/s, seconds left)."""
		self.done += 1
		elapsed = self.now() - (self.started or self.now())
		rate = self.done / elapsed if elapsed > 0 else 0.0
		left = max(0, self.total_steps - self.done)
		return rate, (left / rate if rate > 0 else 0.0)


class StepReporter:
	"""Makes the step callback of each pass of one batch; steps count on from pass to pass."""

	def __init__(
		self,
		job: GenerationJob,
		batch_index: int,
		batch_count: int,
		per_batch: int,
		model: LoadedModel,
		clock: StepClock,
		emit: Callable[[StepUpdate], None],
		cancel: CancelToken,
	) -> None:
		self._job, self._model, self._clock, self._emit, self._cancel = job, model, clock, emit, cancel
		self._batch = (batch_index, batch_count)
		self._per_batch = per_batch
		self._throttle = PreviewThrottle(job.preview)
		clock.total_steps = per_batch * batch_count

	def callback(self, offset: int, phase: str) -> StepCallback:
		"""The callback of a pass whose first step is step `offset + 1` of the batch."""

		def on_step(
			_: DiffusionPipeline, step_index: int, __: torch.Tensor, tensors: dict[str, torch.Tensor]
		) -> dict[str, torch.Tensor]:
			step = offset + step_index + 1
			rate, eta = self._clock.tick()
			preview = None
			if self._throttle.due(step):
				preview = make_preview(
					tensors['latents'], self._job.preview, self._model.info.family, lambda z: decode(self._model, z)
				)
			index, count = self._batch
			self._emit(StepUpdate(step, self._per_batch, index, count, rate, eta, preview, phase))
			if self._cancel.cancelled:
				raise RunInterrupted
			return tensors

		return on_step
