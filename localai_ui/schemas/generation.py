"""The generation request, validated once at the edge (UI and API share it)."""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE, SCHEDULE_NAMES, split_sampler_name

MIN_SIDE = 64
MAX_SIDE = 2048
MAX_SEED = 2**32 - 1


class GenerationRequest(BaseModel):
	"""Everything a user asks for in one run; invalid values raise a ValueError that names them."""

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
