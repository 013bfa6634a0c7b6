"""One batch through diffusers: the first pass (text to image, image to image or inpainting), then the hires fix
when asked; one CPU generator per image, one step callback counting both passes for progress and Stop."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import torch
from PIL import Image

from localai_ui.cores.fast.mode import fast_note
from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.pipeline.denoise import DenoisePass, pass_steps, run_pass
from localai_ui.cores.pipeline.hires import ModelUpscale, hires_pass, is_latent, upscale_images, upscale_latents
from localai_ui.cores.pipeline.image_inputs import EditInputs
from localai_ui.cores.pipeline.step_progress import RunInterrupted, StepCallback, StepClock, StepReporter
from localai_ui.cores.pipeline.vae_codec import round_trip
from localai_ui.cores.prompts.conditioning import Conditioning, encode_conditioning
from localai_ui.cores.prompts.lora_tags import extract_lora_tags
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import GeneratedImage, GenerationJob, StepUpdate
from localai_ui.services.embedding_files.load import LoadedEmbedding

Emit = Callable[[StepUpdate], None]
__all__ = ['BatchSpec', 'RunInterrupted', 'StepClock', 'run_batch']


@dataclass(frozen=True)
class BatchSpec:
	index: int
	count: int
	seeds: Sequence[int]


@dataclass(frozen=True)
class BatchTools:
	"""What a batch uses besides its job: the job's prepared pictures and a model upscaler for the hires fix."""

	embeddings: Sequence[LoadedEmbedding] = ()
	inputs: EditInputs | None = None
	upscale: ModelUpscale | None = None


def first_pass(request: GenerationRequest, inputs: EditInputs | None, *, latents_out: bool) -> DenoisePass:
	"""Text to image, or image to image / inpainting over the job's prepared picture.

	Image to image at full strength starts from pure noise, so the init image plays no part (A1111's meaning).
	"""
	if inputs is not None and inputs.mask is None and request.denoising_strength >= 1:
		inputs = None
	kind = 'txt2img' if inputs is None else 'inpaint' if inputs.mask is not None else 'img2img'
	strength = 1.0 if inputs is None else request.denoising_strength
	return DenoisePass(
		kind=kind,
		width=request.width,
		height=request.height,
		steps=request.steps,
		sampler=request.sampler,
		schedule=request.schedule,
		strength=strength,
		image=None if inputs is None else inputs.image,
		mask=None if inputs is None else inputs.mask,
		output_latents=latents_out,
	)


def run_batch(
	model: LoadedModel,
	job: GenerationJob,
	batch: BatchSpec,
	cancel: CancelToken,
	clock: StepClock,
	emit: Emit,
	tools: BatchTools | None = None,
) -> tuple[GeneratedImage, ...]:
	"""Run one batch; raises RunInterrupted within one step of `cancel` (nothing half made is kept)."""
	tools = tools or BatchTools()
	request = job.request
	hires = request.hires
	latent_hires = hires and is_latent(request.hires_upscaler) and not model.info.inpainting
	first = first_pass(request, tools.inputs, latents_out=latent_hires)
	first_steps = pass_steps(model, first, batch.seeds)
	second_steps = pass_steps(model, hires_pass(request), batch.seeds) if hires else 0
	reporter = StepReporter(job, batch.index, batch.count, first_steps + second_steps, model, clock, emit, cancel)
	conditioning = _conditioning(model, request, request.prompt, request.negative_prompt, tools.embeddings)
	if cancel.cancelled:
		raise RunInterrupted
	clock.start()
	if first_steps == 0 and tools.inputs is not None:
		output: list[Image.Image] | torch.Tensor = [round_trip(model, tools.inputs.image)] * len(batch.seeds)
	else:
		on_first = reporter.callback(0, fast_note(model.pipeline.unet))  # a size --fast could not compile, once
		output = run_pass(model, first, conditioning, batch.seeds, request.cfg_scale, on_first)
	if hires:
		on_step = reporter.callback(first_steps, 'Hires fix')
		output = _second_pass(model, request, output, (batch, tools, conditioning), on_step)
	images = output if isinstance(output, list) else []
	if tools.inputs is not None:
		images = [tools.inputs.finish(image) for image in images]
	first_index = batch.index * len(batch.seeds)
	return tuple(
		GeneratedImage(image, seed, first_index + offset)
		for offset, (image, seed) in enumerate(zip(images, batch.seeds, strict=True))
	)


def _second_pass(
	model: LoadedModel,
	request: GenerationRequest,
	first: list[Image.Image] | torch.Tensor,
	context: tuple[BatchSpec, BatchTools, Conditioning],
	on_step: StepCallback,
) -> list[Image.Image] | torch.Tensor:
	"""The hires pass; the first pass's conditioning is reused unless the hires prompts differ."""
	batch, tools, first_conditioning = context
	width, height = request.hires_size(request.width, request.height)
	if isinstance(first, torch.Tensor):
		image: list[Image.Image] | torch.Tensor = upscale_latents(first, width, height, request.hires_upscaler)
	else:
		image = upscale_images(first, width, height, request.hires_upscaler, tools.upscale)
	prompt = request.hires_prompt or request.prompt
	negative = request.hires_negative_prompt or request.negative_prompt
	conditioning = first_conditioning
	if (prompt, negative) != (request.prompt, request.negative_prompt):
		conditioning = _conditioning(model, request, prompt, negative, tools.embeddings)
	step = hires_pass(request, image)
	return run_pass(model, step, conditioning, batch.seeds, request.cfg_scale, on_step)


def _conditioning(
	model: LoadedModel, request: GenerationRequest, prompt: str, negative: str, embeddings: Sequence[LoadedEmbedding]
) -> Conditioning:
	return encode_conditioning(
		model.pipeline,
		prompt=extract_lora_tags(prompt)[0],
		negative_prompt=extract_lora_tags(negative)[0],
		clip_skip=request.clip_skip,
		guided=request.cfg_scale > 1,
		embeddings=embeddings,
	)
