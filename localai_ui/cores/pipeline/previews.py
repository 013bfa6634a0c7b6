"""Live previews: a cheap latent-to-RGB projection (or a full VAE decode), downscaled and throttled by time."""

import time
from collections.abc import Callable

import torch
from PIL import Image

from localai_ui.schemas.assets import Family
from localai_ui.schemas.progress import PreviewSettings

# Latent channel -> RGB factors; they map the scaled latents the step callback sees to about -1..1.
_SD1_FACTORS = (
	(0.3512, 0.2297, 0.3227),
	(0.3250, 0.4974, 0.2350),
	(-0.2829, 0.1762, 0.2721),
	(-0.2120, -0.2616, -0.7177),
)
_SDXL_FACTORS = (
	(0.3651, 0.4232, 0.4341),
	(-0.2533, -0.0042, 0.1068),
	(0.1076, 0.1111, -0.0362),
	(-0.3165, -0.2492, -0.2188),
)
_SDXL_BIAS = (0.1084, -0.0175, -0.0011)

Decoder = Callable[[torch.Tensor], torch.Tensor]
LATENT_SCALE = 8  # image pixels per latent pixel in every SD1.x/SD2.x/SDXL VAE


def cheap_preview(latents: torch.Tensor, family: Family) -> Image.Image:
	"""Project the first image's 4-channel latents to RGB with fixed factors: no VAE, well under a millisecond."""
	sdxl = family is Family.SDXL
	factors = torch.tensor(_SDXL_FACTORS if sdxl else _SD1_FACTORS, dtype=torch.float32)
	bias = torch.tensor(_SDXL_BIAS if sdxl else (0.0, 0.0, 0.0), dtype=torch.float32)
	first = latents[0].detach().to('cpu', torch.float32)
	rgb = torch.einsum('chw,cr->hwr', first, factors) + bias
	return _to_image(rgb)


def decoded_preview(latents: torch.Tensor, decode: Decoder) -> Image.Image:
	"""Decode the first image's latents with the VAE (`decode` returns -1..1, channels first)."""
	with torch.no_grad():
		pixels = decode(latents[:1])[0]
	return _to_image(pixels.detach().to('cpu', torch.float32).permute(1, 2, 0))


def _to_image(rgb: torch.Tensor) -> Image.Image:
	array = ((rgb.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).numpy()
	return Image.fromarray(array, mode='RGB')


class PreviewThrottle:
	"""Decides when a preview is due: every N steps and at most K per second."""

	def __init__(self, settings: PreviewSettings, clock: Callable[[], float] = time.monotonic) -> None:
		self._settings = settings
		self._clock = clock
		self._last: float | None = None

	def due(self, step: int) -> bool:
		if self._settings.mode == 'off' or step % max(1, self._settings.every_n_steps):
			return False
		now = self._clock()
		if self._last is not None and now - self._last < 1.0 / self._settings.max_per_second:
			return False
		self._last = now
		return True


def make_preview(latents: torch.Tensor, settings: PreviewSettings, family: Family, decode: Decoder) -> Image.Image:
	"""The preview for `settings.mode`, its longest side at most `max_side`.

	A cheap preview is made at latent size (1/8 of the image) and enlarged up to the image's own size, so it shows
	at a readable size in the browser; resizing an image this small costs well under a millisecond.
	"""
	if settings.mode == 'full':
		image = decoded_preview(latents, decode)
	else:
		image = cheap_preview(latents, family)
		image = image.resize((image.width * LATENT_SCALE, image.height * LATENT_SCALE), Image.Resampling.BILINEAR)
	if max(image.size) > settings.max_side:
		image.thumbnail((settings.max_side, settings.max_side), Image.Resampling.BILINEAR)
	return image
