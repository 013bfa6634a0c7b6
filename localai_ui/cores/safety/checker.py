"""The Stable Diffusion safety checker (CLIP vision tower, projection, concept embeddings): which images it flags."""

from collections.abc import Sequence

import numpy as np
import torch
from diffusers.pipelines.stable_diffusion.safety_checker import StableDiffusionSafetyChecker
from PIL import Image

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


def clip_pixels(image: Image.Image, size: int) -> torch.Tensor:
	"""CLIP's preprocessing (shorter side to `size`, bicubic, centre crop, normalised), channels first."""
	rgb = image.convert('RGB')
	scale = size / min(rgb.size)
	width, height = max(size, round(rgb.width * scale)), max(size, round(rgb.height * scale))
	resized = rgb.resize((width, height), Image.Resampling.BICUBIC)
	left, top = (width - size) // 2, (height - size) // 2
	cropped = resized.crop((left, top, left + size, top + size))
	array = (np.asarray(cropped, dtype=np.float32) / 255.0 - np.array(CLIP_MEAN, dtype=np.float32)) / np.array(
		CLIP_STD, dtype=np.float32
	)
	return torch.tensor(array).permute(2, 0, 1)


class SafetyChecker:
	"""A loaded checker on one device; `flags` says, per image, whether any concept scored over its threshold."""

	def __init__(self, model: StableDiffusionSafetyChecker) -> None:
		self.model = model.eval()

	@property
	def image_size(self) -> int:
		size = self.model.vision_model.config.image_size
		return size if isinstance(size, int) else 224  # CLIP ViT-L/14's, the released checker's

	def to(self, device: torch.device, dtype: torch.dtype) -> 'SafetyChecker':
		torch.nn.Module.to(self.model, device=device, dtype=dtype)
		return self

	def flags(self, images: Sequence[Image.Image]) -> list[bool]:
		if not images:
			return []
		parameter = next(self.model.parameters())
		pixels = torch.stack([clip_pixels(image, self.image_size) for image in images])
		pixels = pixels.to(device=parameter.device, dtype=parameter.dtype)
		with torch.no_grad():
			_, flagged = self.model.forward_onnx(pixels, torch.zeros(len(images), 1, device=parameter.device))
		return [bool(flagged[index].item()) for index in range(len(images))]
