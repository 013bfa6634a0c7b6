"""PIL images to and from (H, W, C) uint8 tensors, in the channel layout a model takes."""

import torch
from PIL import Image

from localai_ui.schemas.upscalers import UpscaleError

_MODES = {1: 'L', 3: 'RGB', 4: 'RGBA'}


def image_mode(channels: int) -> str:
	"""The PIL mode of a model's `channels` (1, 3 or 4)."""
	mode = _MODES.get(channels)
	if mode is None:
		raise UpscaleError(f'models with {channels} image channels are not supported; use 1, 3 or 4 channel models')
	return mode


def image_to_pixels(image: Image.Image, channels: int) -> torch.Tensor:
	"""`image` converted to the model's channels, as an (H, W, C) uint8 tensor on the CPU."""
	converted = image.convert(image_mode(channels))
	data = torch.frombuffer(bytearray(converted.tobytes()), dtype=torch.uint8)
	return data.view(converted.height, converted.width, channels)


def pixels_to_image(pixels: torch.Tensor) -> Image.Image:
	"""An (H, W, C) uint8 tensor as a PIL image."""
	height, width, channels = pixels.shape
	return Image.frombytes(image_mode(channels), (width, height), pixels.contiguous().numpy().tobytes())
