"""One batch through diffusers: fresh scheduler, one CPU generator per image, a step callback for progress."""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
from diffusers import DiffusionPipeline

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.pipeline.previews import PreviewThrottle, make_preview
from localai_ui.cores.pipeline.samplers import build_scheduler
from localai_ui.cores.prompts.conditioning import encode_conditioning
from localai_ui.cores.prompts.lora_tags import extract_lora_tags
from localai_ui.schemas.assets import Family
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.progress import GeneratedImage, GenerationJob, StepUpdate
from localai_ui.services.embedding_files.load import LoadedEmbedding

Emit = Callable[[StepUpdate], None]


class RunInterrupted(Exception):  # noqa: N818 - a control-flow signal, not an error
	"""Raised from the step callback to stop a run with no final decode."""


@dataclass
class StepClock:
	"""Counts the model steps of a whole job to give it/s and an ETA."""

	total_steps: int = 0
	done: int = 0
	started: float | None = None
	now: Callable[[], float] = field(default=time.perf_counter)

	def tick(self) -> tuple[float, float]:
		"""Count one step; return (it/s, seconds left)."""
		self.done += 1
		elapsed = self.now() - (self.started or self.now())
		rate = self.done / elapsed if elapsed > 0 else 0.0
		left = max(0, self.total_steps - self.done)
		return rate, (left / rate if rate > 0 else 0.0)


@dataclass(frozen=True)
class BatchSpec:
	index: int
	count: int
	seeds: Sequence[int]


def run_batch(
	model: LoadedModel,
	job: GenerationJob,
	batch: BatchSpec,
	cancel: CancelToken,
	clock: StepClock,
	emit: Emit,
	embeddings: Sequence[LoadedEmbedding] = (),
) -> tuple[GeneratedImage, ...]:
	"""Run one batch; raises RunInterrupted within one step of `cancel`."""
	request = job.request
	conditioning = encode_conditioning(
		model.pipeline,
		prompt=extract_lora_tags(request.prompt)[0],
		negative_prompt=extract_lora_tags(request.negative_prompt)[0],
		clip_skip=request.clip_skip,
		guided=request.cfg_scale > 1,
		embeddings=embeddings,
	)
	built = build_scheduler(model.scheduler_config, request.sampler, request.schedule, batch.seeds, model.info.family)
	pipeline = model.pipeline
	pipeline.scheduler = built.scheduler
	built.scheduler.set_timesteps(request.steps)
	per_batch = len(built.scheduler.timesteps)
	clock.total_steps = per_batch * batch.count
	throttle = PreviewThrottle(job.preview)
	family = model.info.family

	def decode(latents: torch.Tensor) -> torch.Tensor:
		return pipeline.vae.decode(latents / _scaling_factor(model)).sample

	def on_step(
		_: DiffusionPipeline, step_index: int, __: torch.Tensor, tensors: dict[str, torch.Tensor]
	) -> dict[str, torch.Tensor]:
		step = step_index + 1
		rate, eta = clock.tick()
		preview = None
		if throttle.due(step):
			preview = make_preview(tensors['latents'], job.preview, family, decode)
		emit(StepUpdate(step, per_batch, batch.index, batch.count, rate, eta, preview))
		if cancel.cancelled:
			raise RunInterrupted
		return tensors

	if cancel.cancelled:
		raise RunInterrupted
	if clock.started is None:
		clock.started = clock.now()
	output = pipeline(
		prompt_embeds=conditioning.prompt_embeds,
		negative_prompt_embeds=conditioning.negative_prompt_embeds,
		num_inference_steps=request.steps,
		guidance_scale=request.cfg_scale,
		width=request.width,
		height=request.height,
		num_images_per_prompt=len(batch.seeds),
		generator=[torch.Generator('cpu').manual_seed(seed) for seed in batch.seeds],
		callback_on_step_end=on_step,
		callback_on_step_end_tensor_inputs=['latents'],
		**conditioning.pooled_kwargs(),
	)
	first_index = batch.index * len(batch.seeds)
	return tuple(
		GeneratedImage(image, seed, first_index + offset)
		for offset, (image, seed) in enumerate(zip(output.images, batch.seeds, strict=True))
	)


def _scaling_factor(model: LoadedModel) -> float:
	value = model.pipeline.vae.config.get('scaling_factor', 0.18215)
	default = 0.13025 if model.info.family is Family.SDXL else 0.18215
	return float(value) if isinstance(value, int | float) else default
