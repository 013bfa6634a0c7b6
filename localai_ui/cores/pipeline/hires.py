"""A1111's hires fix: the first image upscaled (its latents, or its pixels with a resampler or a model upscaler),
then denoised again at the larger size with the hires steps and strength."""

from collections.abc import Callable, Mapping, Sequence

import torch
from PIL import Image

from localai_ui.cores.pipeline.denoise import DenoisePass
from localai_ui.cores.upscale import ModelUpscaler, load_upscaler
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.upscalers import UpscalerInfo

LATENT_MODES: Mapping[str, tuple[str, bool]] = {  # A1111's latent upscalers: torch interpolation and antialiasing
	'Latent': ('bilinear', False),
	'Latent (antialiased)': ('bilinear', True),
	'Latent (bicubic)': ('bicubic', False),
	'Latent (bicubic antialiased)': ('bicubic', True),
	'Latent (nearest)': ('nearest', False),
	'Latent (nearest-exact)': ('nearest-exact', False),
}
RESAMPLERS: Mapping[str, Image.Resampling] = {
	'None': Image.Resampling.LANCZOS,
	'Lanczos': Image.Resampling.LANCZOS,
	'Nearest': Image.Resampling.NEAREST,
	'Bicubic': Image.Resampling.BICUBIC,
}
LATENT_SCALE = 8
HIRES_PHASE = 'Hires fix'
ModelUpscale = Callable[[Image.Image, float], Image.Image]


def is_latent(upscaler: str) -> bool:
	return upscaler in LATENT_MODES


def hires_pass(
	request: GenerationRequest, image: Image.Image | Sequence[Image.Image] | torch.Tensor | None = None
) -> DenoisePass:
	"""The second pass; `image` is the upscaled first image (or its latents) once there is one."""
	width, height = request.hires_size(request.width, request.height)
	return DenoisePass(
		kind='img2img',
		width=width,
		height=height,
		steps=request.hires_steps or request.steps,
		sampler=request.hires_sampler or request.sampler,
		schedule=request.schedule if not request.hires_sampler else 'Automatic',
		strength=request.hires_denoising_strength,
		image=image,
		phase=HIRES_PHASE,
	)


def upscale_latents(latents: torch.Tensor, width: int, height: int, upscaler: str) -> torch.Tensor:
	"""A1111's latent upscalers: interpolate the latents to the hires size (1/8 of it)."""
	mode, antialias = LATENT_MODES[upscaler]
	size = (height // LATENT_SCALE, width // LATENT_SCALE)
	if mode in ('nearest', 'nearest-exact'):
		return torch.nn.functional.interpolate(latents, size=size, mode=mode)
	return torch.nn.functional.interpolate(latents, size=size, mode=mode, antialias=antialias)


def upscale_images(
	images: Sequence[Image.Image], width: int, height: int, upscaler: str, model: ModelUpscale | None
) -> list[Image.Image]:
	"""Pixel upscalers: a model upscaler (then a Lanczos fit to the exact size), or a PIL resampler."""
	upscaled: list[Image.Image] = []
	for image in images:
		if model is not None:
			image = model(image, max(width / image.width, height / image.height))
		resample = RESAMPLERS.get(upscaler, Image.Resampling.LANCZOS)
		upscaled.append(image if image.size == (width, height) else image.resize((width, height), resample))
	return upscaled


def model_upscale(info: UpscalerInfo | None, device: torch.device) -> ModelUpscale | None:
	"""The hires fix's model upscaler, read from its file and moved to `device` (call it under the GPU lock).

	It runs in tiles sized for the device (A1111's passes, then Lanczos to the scale); `upscale_images` then fits
	the result to the exact hires size and the second pass encodes it again. None when the job names no model.
	"""
	if info is None:
		return None
	return ModelUpscaler(load_upscaler(info.path, info.name), device, tile='auto').upscale
