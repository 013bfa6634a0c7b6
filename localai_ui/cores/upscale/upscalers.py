"""Upscalers with one interface, `upscale(image, scale) -> image`: spandrel models and A1111's PIL resamplers.

A model upscaler follows A1111: it runs the model as many times as the scale needs (at most 3 passes: x4 wanted
with a x2 model is two passes), then resizes with Lanczos to the exact size asked for (x3 with a x4 model is one
pass, then down; a scale below 1 is a Lanczos resize alone). Sizes are rounded to the nearest pixel (A1111 also rounds down to a multiple of 8).
"""

import math
from dataclasses import dataclass
from typing import Literal, Protocol

import torch
from PIL import Image
from spandrel import UnsupportedDtypeError

from localai_ui.cores.upscale.device_defaults import DEFAULT_OVERLAP, dtype_for, tile_size_for
from localai_ui.cores.upscale.image_pixels import image_to_pixels, pixels_to_image
from localai_ui.cores.upscale.model_loading import LoadedUpscaler
from localai_ui.cores.upscale.tiled_run import run_tiled
from localai_ui.schemas.upscalers import Resampler, UpscaleError

MAX_SCALE = 16.0
MAX_PASSES = 3
_FILTERS = {
	Resampler.LANCZOS: Image.Resampling.LANCZOS,
	Resampler.BICUBIC: Image.Resampling.BICUBIC,
	Resampler.NEAREST: Image.Resampling.NEAREST,
}


class Upscaler(Protocol):
	@property
	def name(self) -> str: ...

	def upscale(self, image: Image.Image, scale: float) -> Image.Image:
		"""`image` resized by `scale` (the result's size is `target_size(image, scale)`)."""
		...


def target_size(image: Image.Image, scale: float) -> tuple[int, int]:
	"""The size an upscale by `scale` gives; UpscaleError for a scale outside (0, MAX_SCALE]."""
	if not (math.isfinite(scale) and 0 < scale <= MAX_SCALE):
		raise UpscaleError(f'scale {scale}: use a factor above 0 and at most {MAX_SCALE:g}')
	return max(1, round(image.width * scale)), max(1, round(image.height * scale))


def model_passes(native: int, scale: float) -> int:
	"""How often a model of scale `native` runs for `scale`: until it reaches it, at most 3 times; never to shrink.

	As A1111: a scale below 1 is a plain resize, a scale of 1 still runs the model once (1x restoration models).
	"""
	if scale < 1:
		return 0
	passes, reached = 1, native
	while reached < scale - 1e-9 and native > 1 and passes < MAX_PASSES:
		passes, reached = passes + 1, reached * native
	return passes


@dataclass(frozen=True)
class ResampleUpscaler:
	"""A1111's non-model upscalers: one PIL resize."""

	resampler: Resampler

	@property
	def name(self) -> str:
		return self.resampler.value

	def upscale(self, image: Image.Image, scale: float) -> Image.Image:
		return image.resize(target_size(image, scale), _FILTERS[self.resampler])


def resample_upscalers() -> list[ResampleUpscaler]:
	"""Lanczos, Bicubic, Nearest, in A1111's order."""
	return [ResampleUpscaler(resampler) for resampler in Resampler]


class ModelUpscaler:
	"""A spandrel upscaler on a device, run in tiles of `tile` px with `overlap` px of context.

	`tile` 'auto' picks the size from the device (`tile_size_for`); None runs the whole image in one pass.
	"""

	def __init__(
		self,
		loaded: LoadedUpscaler,
		device: torch.device,
		dtype: torch.dtype | None = None,
		tile: int | Literal['auto'] | None = 'auto',
		overlap: int = DEFAULT_OVERLAP,
	) -> None:
		self.info, self.model = loaded.info, loaded.model
		self.dtype = dtype or dtype_for(loaded.model, device)
		try:
			self.model.to(device, self.dtype).eval()
		except UnsupportedDtypeError as error:
			raise UpscaleError(f'{self.info.name}: {self.info.architecture} cannot run in {self.dtype}') from error
		self.tile = tile_size_for(device) if tile == 'auto' else tile
		self.overlap = overlap

	@property
	def name(self) -> str:
		return self.info.name

	def upscale(self, image: Image.Image, scale: float) -> Image.Image:
		size = target_size(image, scale)
		for _ in range(model_passes(self.info.scale, scale)):
			image = self.run_once(image)
		return image if image.size == size else image.resize(size, Image.Resampling.LANCZOS)

	def run_once(self, image: Image.Image) -> Image.Image:
		"""One pass of the model: the image at the model's native scale."""
		pixels = image_to_pixels(image, self.info.input_channels)
		return pixels_to_image(run_tiled(self.model, pixels, self.tile, self.overlap))
