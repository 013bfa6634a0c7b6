"""What an upscale asks for, validated at the edge, and the sizes it leads to (A1111's "Scale by" and "Scale to")."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.upscalers import Resampler

NONE = 'None'  # A1111's "None": no model, a plain resize (Lanczos), as the hires fix's None
BUILT_IN: tuple[str, ...] = (NONE, Resampler.LANCZOS.value, Resampler.NEAREST.value, Resampler.BICUBIC.value)
MIN_SCALE, MAX_SCALE = 1.0, 8.0
MAX_RESULT_SIDE = 12288
MAX_RESULT_PIXELS = 100_000_000


class UpscaleRequest(BaseModel):
	"""`image` is the stored name of the picture (the app keeps what a user sends); a target size wins over `scale`."""

	model_config = ConfigDict(frozen=True, extra='forbid')

	image: str
	upscaler: str = Resampler.LANCZOS.value
	scale: float = Field(default=2.0, ge=MIN_SCALE, le=MAX_SCALE)
	resize_width: int = Field(default=0, ge=0, le=MAX_RESULT_SIDE)
	resize_height: int = Field(default=0, ge=0, le=MAX_RESULT_SIDE)

	@property
	def targeted(self) -> bool:
		return bool(self.resize_width or self.resize_height)


def parse_upscale(values: dict[str, object]) -> UpscaleRequest:
	"""Validate raw values; the message names every bad field."""
	try:
		return UpscaleRequest.model_validate(values)
	except ValidationError as error:
		problems = '; '.join(f'{".".join(map(str, item["loc"]))}: {item["msg"]}' for item in error.errors())
		raise InvalidRequestError(f'Invalid upscale: {problems}') from error


def upscale_plan(request: UpscaleRequest, width: int, height: int) -> tuple[float, tuple[int, int]]:
	"""The factor to upscale a `width`x`height` picture by, and the size the result is cut to (A1111 crops to fit).

	Refuses results over MAX_RESULT_SIDE px a side or MAX_RESULT_PIXELS, and factors beyond MAX_SCALE.
	"""
	target_w, target_h = request.resize_width, request.resize_height
	factor = request.scale
	if target_w and target_h:
		factor = max(target_w / width, target_h / height)
	elif target_w or target_h:
		factor = target_w / width if target_w else target_h / height
	size = (target_w or max(1, round(width * factor)), target_h or max(1, round(height * factor)))
	if factor > MAX_SCALE:
		raise InvalidRequestError(
			f'upscaling {width}x{height} to {size[0]}x{size[1]} is x{factor:.2f}: at most x{MAX_SCALE:g} is accepted'
		)
	if max(size) > MAX_RESULT_SIDE or size[0] * size[1] > MAX_RESULT_PIXELS:
		raise InvalidRequestError(
			f'the result would be {size[0]}x{size[1]}: at most {MAX_RESULT_SIDE} px a side and '
			f'{MAX_RESULT_PIXELS // 1_000_000} megapixels are made; pick a smaller scale or size'
		)
	return factor, size
