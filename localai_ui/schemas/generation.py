"""The generation request, validated once at the edge (UI and API share it)."""

from typing import Self

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from localai_ui.schemas.field_values import PROMPT_FIELDS, checked_number, checked_prompt
from localai_ui.schemas.hires import HiresFields
from localai_ui.schemas.image_to_image import ImageToImageFields
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE, SCHEDULE_NAMES, split_sampler_name

MIN_SIDE = 64
MAX_SIDE = 2048
MAX_SEED = 2**32 - 1
ALLOWED_WORDS = {
	'width': f'a multiple of 8 from {MIN_SIDE} to {MAX_SIDE}',
	'height': f'a multiple of 8 from {MIN_SIDE} to {MAX_SIDE}',
	'seed': f'-1 (a random seed) or a whole number from 0 to {MAX_SEED}',
}


class GenerationRequest(ImageToImageFields, HiresFields):
	"""Everything a user asks for in one run; invalid values raise a ValueError that names them.

	Text to image by default; the hires fields add A1111's second pass, the image-to-image fields an init image and
	a mask (then the hires fix does not apply, as in A1111's img2img).
	"""

	model_config = ConfigDict(frozen=True, extra='forbid')

	prompt: str = ''
	negative_prompt: str = ''
	model: str | None = None
	sampler: str = DEFAULT_SAMPLER
	schedule: str = DEFAULT_SCHEDULE
	steps: int = Field(default=20, ge=1, le=150)
	cfg_scale: float = Field(default=7.0, ge=1.0, le=30.0)
	width: int = 512
	height: int = 512
	seed: int = Field(default=-1, ge=-1, le=MAX_SEED)
	batch_count: int = Field(default=1, ge=1, le=100)
	batch_size: int = Field(default=1, ge=1, le=8)
	styles: tuple[str, ...] = ()
	clip_skip: int = Field(default=1, ge=1, le=12)

	@field_validator('*', mode='before')
	@classmethod
	def _check_value(cls, value: object, info: ValidationInfo) -> object:
		"""Numbers of the wrong type or range, and prompts over the limits, name the field and what it takes."""
		name = info.field_name or ''
		if name in PROMPT_FIELDS:
			return checked_prompt(name, value)
		field = cls.model_fields.get(name)
		if field is None or not (field.annotation is int or field.annotation is float):
			return value
		return checked_number(name, value, field, field.annotation is int, ALLOWED_WORDS.get(name))

	@field_validator('width', 'height')
	@classmethod
	def _check_side(cls, value: int) -> int:
		if not MIN_SIDE <= value <= MAX_SIDE or value % 8:
			raise ValueError(f'{value} px: width and height must be multiples of 8 between {MIN_SIDE} and {MAX_SIDE}')
		return value

	@field_validator('model')
	@classmethod
	def _blank_model_is_default(cls, value: str | None) -> str | None:
		return value.strip() or None if value else None

	@model_validator(mode='after')
	def _normalise_sampler(self) -> Self:
		sampler, combined_schedule = split_sampler_name(self.sampler)
		schedule = self.schedule or DEFAULT_SCHEDULE
		if schedule not in SCHEDULE_NAMES:
			raise ValueError(f'unknown schedule type {schedule!r}; choose one of: {", ".join(SCHEDULE_NAMES)}')
		if combined_schedule and schedule == DEFAULT_SCHEDULE:
			schedule = combined_schedule
		object.__setattr__(self, 'sampler', sampler)
		object.__setattr__(self, 'schedule', schedule)
		return self

	@property
	def image_count(self) -> int:
		return self.batch_count * self.batch_size

	@property
	def hires(self) -> bool:
		"""Whether a hires second pass runs (text to image only)."""
		return self.enable_hires and self.mode == 'txt2img'
