"""One denoising pass through diffusers: text to image, image to image (an image or latents) or inpainting.

Every pass builds its own scheduler from the model's config; A1111's denoising strength runs steps x strength of
them, which is also what the progress line counts.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, cast

import torch
from PIL import Image

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.pipeline.pipelines import PassKind, pipeline_for
from localai_ui.cores.pipeline.samplers import build_scheduler
from localai_ui.cores.pipeline.step_progress import StepCallback
from localai_ui.cores.prompts.conditioning import Conditioning


@dataclass(frozen=True)
class DenoisePass:
	"""What one diffusers call does; `image` is an init image, or latents for a latent hires pass."""

	kind: PassKind
	width: int
	height: int
	steps: int
	sampler: str
	schedule: str
	strength: float = 1.0
	image: Image.Image | Sequence[Image.Image] | torch.Tensor | None = None
	mask: Image.Image | None = None
	output_latents: bool = False
	phase: str = ''


class _PassOutput(Protocol):
	@property
	def images(self) -> list[Image.Image] | torch.Tensor: ...


class _PassCall(Protocol):
	"""Every pipeline class takes these keywords; their own signatures differ in what else they take."""

	def __call__(self, **kwargs: object) -> _PassOutput: ...


def pass_steps(model: LoadedModel, step: DenoisePass, seeds: Sequence[int]) -> int:
	"""The model calls the pass will make: the scheduler's whole schedule, or its last steps x strength."""
	scheduler = build_scheduler(model.scheduler_config, step.sampler, step.schedule, seeds, model.info.family).scheduler
	scheduler.set_timesteps(step.steps)
	timesteps = len(cast(Sequence[object], getattr(scheduler, 'timesteps', ())))
	if step.kind == 'txt2img' and step.image is None:
		return timesteps
	kept = min(int(step.steps * step.strength), step.steps)
	order = int(getattr(scheduler, 'order', 1))
	return max(0, timesteps - max(step.steps - kept, 0) * order)


def run_pass(
	model: LoadedModel,
	step: DenoisePass,
	conditioning: Conditioning,
	seeds: Sequence[int],
	cfg_scale: float,
	on_step: StepCallback,
) -> list[Image.Image] | torch.Tensor:
	"""Run one pass for every seed of the batch; images (or latents when the pass feeds another)."""
	pipeline, kind = pipeline_for(model, step.kind)
	built = build_scheduler(model.scheduler_config, step.sampler, step.schedule, seeds, model.info.family)
	pipeline.scheduler = built.scheduler
	arguments: dict[str, object] = {
		'prompt_embeds': conditioning.prompt_embeds,
		'negative_prompt_embeds': conditioning.negative_prompt_embeds,
		'num_inference_steps': step.steps,
		'guidance_scale': cfg_scale,
		'num_images_per_prompt': len(seeds),
		'generator': [torch.Generator('cpu').manual_seed(seed) for seed in seeds],
		'callback_on_step_end': on_step,
		'callback_on_step_end_tensor_inputs': ['latents'],
		'output_type': 'latent' if step.output_latents else 'pil',
		**conditioning.pooled_kwargs(),
	}
	if kind == 'txt2img':
		arguments.update(width=step.width, height=step.height)
	elif kind == 'img2img':
		arguments.update(image=step.image, strength=step.strength)
	else:
		image = step.image if step.image is not None else Image.new('RGB', (step.width, step.height), (127, 127, 127))
		mask = step.mask or Image.new('L', (step.width, step.height), 255)
		arguments.update(image=image, mask_image=mask, width=step.width, height=step.height, strength=step.strength)
	return cast(_PassCall, pipeline)(**arguments).images
