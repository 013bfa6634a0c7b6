"""The settings a user keeps between starts (Settings tab, /set_settings), by section, every value checked.

Each field name is unique across sections: it is the key the value is stored under and the `/set_settings` parameter.
"""

import re
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationInfo, field_validator

from localai_ui.schemas.file_name_pattern import DEFAULT_FILE_NAME_PATTERN, check_file_name_pattern
from localai_ui.schemas.generation import MAX_SIDE, MIN_SIDE
from localai_ui.schemas.progress import PreviewMode
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE, resolve_schedule, sampler_info
from localai_ui.schemas.system import MemoryRequest

OutputFormat = Literal['PNG', 'JPEG', 'WEBP']
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ('PNG', 'JPEG', 'WEBP')
SectionName = Literal['generation', 'preview', 'saving', 'device', 'hub', 'safety']
MAX_NEGATIVE_PROMPT = 20_000
_TOKEN = re.compile(r'[\x21-\x7e]{1,256}')


class SettingsSection(BaseModel):
	"""One section of the Settings tab: saved and reset together."""

	model_config = ConfigDict(frozen=True, extra='forbid')


class GenerationDefaults(SettingsSection):
	"""What the Generate tab's controls start with when the page loads."""

	sampler: str = DEFAULT_SAMPLER
	schedule: str = DEFAULT_SCHEDULE
	steps: int = Field(default=20, ge=1, le=150)
	cfg_scale: float = Field(default=7.0, ge=1.0, le=30.0)
	width: int = 512
	height: int = 512
	clip_skip: int = Field(default=1, ge=1, le=12)
	negative_prompt: str = Field(default='', max_length=MAX_NEGATIVE_PROMPT)

	@field_validator('width', 'height')
	@classmethod
	def _check_side(cls, value: int) -> int:
		if not MIN_SIDE <= value <= MAX_SIDE or value % 8:
			raise ValueError(f'{value} px: width and height must be multiples of 8 between {MIN_SIDE} and {MAX_SIDE}')
		return value

	@field_validator('sampler')
	@classmethod
	def _check_sampler(cls, value: str) -> str:
		return sampler_info(value).name  # an unknown sampler raises a ValueError that lists the names

	@field_validator('schedule')
	@classmethod
	def _check_schedule(cls, value: str, info: ValidationInfo) -> str:
		sampler = info.data.get('sampler')
		if isinstance(sampler, str):
			resolve_schedule(sampler, value)
		return value


class PreviewDefaults(SettingsSection):
	"""The live preview of a run: off, a cheap latent approximation or a full VAE decode, every N steps."""

	preview_mode: PreviewMode = 'cheap'
	preview_every: int = Field(default=1, ge=1, le=100)


class SavingSettings(SettingsSection):
	"""How finished images are written: format (quality for JPEG and WEBP), file name pattern, date folders."""

	output_format: OutputFormat = 'PNG'
	quality: int = Field(default=90, ge=1, le=100)
	file_name_pattern: str = DEFAULT_FILE_NAME_PATTERN
	date_folders: bool = True

	@field_validator('file_name_pattern')
	@classmethod
	def _check_pattern(cls, value: str) -> str:
		return check_file_name_pattern(value)


class DeviceSettings(SettingsSection):
	"""Where models run (read at start) and how much of a model stays on the GPU (read at the next model load)."""

	device: str = Field(default='auto', max_length=16)
	memory: MemoryRequest = 'auto'


class HubSettings(SettingsSection):
	"""The Hugging Face access token for downloads: kept out of logs, history and infotexts."""

	hf_token: SecretStr | None = None

	@field_validator('hf_token')
	@classmethod
	def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
		if value is None or not value.get_secret_value():
			return None
		if not _TOKEN.fullmatch(value.get_secret_value()):
			raise ValueError('the token must be 1 to 256 printable characters without spaces (it starts with hf_)')
		return value


class SafetySettings(SettingsSection):
	"""The safety checker (off unless turned on): flagged images are blurred; the unblurred file kept only if asked."""

	safety_checker: bool = False
	keep_flagged: bool = False


SECTIONS: Mapping[SectionName, type[SettingsSection]] = {
	'generation': GenerationDefaults,
	'preview': PreviewDefaults,
	'saving': SavingSettings,
	'device': DeviceSettings,
	'hub': HubSettings,
	'safety': SafetySettings,
}
SECTION_OF: Mapping[str, SectionName] = {
	field: section for section, model in SECTIONS.items() for field in model.model_fields
}


class AppSettings(BaseModel):
	"""Every section at once; a missing section has its defaults."""

	model_config = ConfigDict(frozen=True, extra='forbid')

	generation: GenerationDefaults = GenerationDefaults()
	preview: PreviewDefaults = PreviewDefaults()
	saving: SavingSettings = SavingSettings()
	device: DeviceSettings = DeviceSettings()
	hub: HubSettings = HubSettings()
	safety: SafetySettings = SafetySettings()

	def section(self, name: SectionName) -> SettingsSection:
		section: SettingsSection = getattr(self, name)
		return section
