"""The hires fix of a text-to-image run, as A1111 offers it: a second pass at a larger size over the first image."""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

LATENT_UPSCALERS: tuple[str, ...] = (
	'Latent',
	'Latent (antialiased)',
	'Latent (bicubic)',
	'Latent (bicubic antialiased)',
	'Latent (nearest)',
	'Latent (nearest-exact)',
)
PIXEL_UPSCALERS: tuple[str, ...] = ('None', 'Lanczos', 'Nearest', 'Bicubic')
MAX_HIRES_SIDE = 4096
SIDE_STEP = 8


class HiresFields(BaseModel):
	"""Off unless `enable_hires`; the second pass is `hires_scale` times the size, or the target size when given."""

	model_config = ConfigDict(frozen=True, extra='forbid')

	enable_hires: bool = False
	hires_scale: float = Field(default=2.0, ge=1.0, le=4.0)
	hires_resize_width: int = Field(default=0, ge=0, le=MAX_HIRES_SIDE)
	hires_resize_height: int = Field(default=0, ge=0, le=MAX_HIRES_SIDE)
	hires_steps: int = Field(default=0, ge=0, le=150)
	hires_denoising_strength: float = Field(default=0.7, ge=0.0, le=1.0)
	hires_upscaler: str = 'Latent'
	hires_sampler: str = ''
	hires_prompt: str = ''
	hires_negative_prompt: str = ''

	@model_validator(mode='after')
	def _check_target(self) -> Self:
		for side in (self.hires_resize_width, self.hires_resize_height):
			if side and (side < 64 or side % SIDE_STEP):
				raise ValueError(
					f'hires resize {side} px: a target side is 0 (use the scale) or a multiple of 8 from 64'
				)
		return self

	def hires_size(self, width: int, height: int) -> tuple[int, int]:
		"""The second pass's size: the target (one side given keeps the aspect), else the scale, multiples of 8."""
		target_w, target_h = self.hires_resize_width, self.hires_resize_height
		if target_w and target_h:
			return target_w, target_h
		factor = self.hires_scale
		if target_w or target_h:
			factor = target_w / width if target_w else target_h / height
		return _side(width * factor), _side(height * factor)


def _side(value: float) -> int:
	return max(64, int(value) // SIDE_STEP * SIDE_STEP)
