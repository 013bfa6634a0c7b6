"""Between pixels and latents with the model's own VAE: previews, the latent hires fix, and strength 0."""

import numpy as np
import torch
from PIL import Image

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.schemas.assets import Family

SD1_SCALING = 0.18215
SDXL_SCALING = 0.13025


def scaling_factor(model: LoadedModel) -> float:
	default = SDXL_SCALING if model.info.family is Family.SDXL else SD1_SCALING
	value = model.pipeline.vae.config.get('scaling_factor', default)
	return float(value) if isinstance(value, int | float) else default


def decode(model: LoadedModel, latents: torch.Tensor) -> torch.Tensor:
	"""Scaled latents to pixels in -1..1, channels first."""
	return model.pipeline.vae.decode(latents / scaling_factor(model)).sample


def round_trip(model: LoadedModel, image: Image.Image) -> Image.Image:
	"""The image encoded and decoded once: what image to image gives at denoising strength 0 (no step runs)."""
	vae = model.pipeline.vae
	array = np.asarray(image.convert('RGB'), dtype=np.float32) / 127.5 - 1.0
	pixels = torch.tensor(array).permute(2, 0, 1)[None].to(device=vae.device, dtype=vae.dtype)
	with torch.no_grad():
		latents = vae.encode(pixels).latent_dist.mode()
		decoded = vae.decode(latents).sample[0]
	values = ((decoded.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(1, 2, 0).cpu().numpy()
	return Image.fromarray(values, mode='RGB')
