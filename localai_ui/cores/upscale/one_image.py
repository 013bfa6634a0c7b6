"""One picture upscaled by whichever upscaler a user picked: a resampler, or a model read from its file for this run."""

import torch
from PIL import Image

from localai_ui.cores.upscale.model_loading import load_upscaler
from localai_ui.cores.upscale.upscalers import ModelUpscaler, ResampleUpscaler
from localai_ui.schemas.upscalers import Resampler, UpscalerInfo


def upscale_with(
	choice: UpscalerInfo | Resampler, image: Image.Image, scale: float, device: torch.device
) -> Image.Image:
	"""`image` scaled by `scale`; a model runs on `device` in tiles sized for it (call it while holding the device)."""
	if isinstance(choice, Resampler):
		return ResampleUpscaler(choice).upscale(image, scale)
	upscaler = ModelUpscaler(load_upscaler(choice.path, choice.name), device, tile='auto')
	return upscaler.upscale(image, scale)
