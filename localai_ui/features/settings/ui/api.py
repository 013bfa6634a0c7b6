"""The public settings endpoints: /get_settings, /set_settings, /reset_settings and /system_info."""

from localai_ui.features.settings.settings_json import settings_json
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.system_report import Json, SystemReport
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.schemas.app_settings import SECTIONS
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generate_fields import PublicField, api_docstring

SETTING_FIELDS: tuple[PublicField, ...] = (
	PublicField('sampler', 'default sampler of the Generate tab, an A1111 name such as "DPM++ 2M".'),
	PublicField('schedule', 'default schedule type: Automatic, Karras, Exponential ...'),
	PublicField('steps', 'default steps (1-150).'),
	PublicField('cfg_scale', 'default CFG scale (1-30).'),
	PublicField('width', 'default width, a multiple of 8 (64-2048).'),
	PublicField('height', 'default height, a multiple of 8 (64-2048).'),
	PublicField('clip_skip', 'default clip skip (1-12).'),
	PublicField('negative_prompt', 'default negative prompt ("" for none).'),
	PublicField('preview_mode', 'live preview: off, cheap or full.'),
	PublicField('preview_every', 'make a live preview every N steps (1-100).'),
	PublicField('output_format', 'PNG, JPEG or WEBP (JPEG and WEBP keep the infotext in EXIF UserComment).'),
	PublicField('quality', 'JPEG and WEBP quality (1-100).'),
	PublicField('file_name_pattern', 'file names, with [seed] [prompt] [prompt_spaces] [model_name] [date] ... tags.'),
	PublicField('date_folders', 'save into YYYY-MM-DD folders.'),
	PublicField('device', 'auto, cpu, cuda, cuda:N or mps; used from the next start.'),
	PublicField('memory', 'GPU memory mode: auto, high, medium or low; used from the next model load.'),
	PublicField('hf_token', 'a Hugging Face access token for downloads; "" removes it. Never returned.'),
	PublicField('safety_checker', 'run the safety checker after each decode (off by default); flagged images blur.'),
	PublicField('keep_flagged', 'keep flagged images unblurred on disk (the gallery still shows them blurred).'),
)
RETURNS = '{settings, in_effect, set_by_flags, defaults, hf_token_set}: what is stored and what runs use.'


def register_api(store: SettingsStore, report: SystemReport) -> None:
	"""Add the endpoints to the current Blocks; parameter names are the API's."""

	def get_settings() -> dict[str, Json]:
		"""The stored settings, what runs use now (command-line flags win), and the defaults.

		Returns:
			{settings, in_effect, set_by_flags, defaults, hf_token_set}; the token itself is never returned.
		"""
		return settings_json(store)

	def set_settings(
		sampler: str | None = None,
		schedule: str | None = None,
		steps: int | None = None,
		cfg_scale: float | None = None,
		width: int | None = None,
		height: int | None = None,
		clip_skip: int | None = None,
		negative_prompt: str | None = None,
		preview_mode: str | None = None,
		preview_every: int | None = None,
		output_format: str | None = None,
		quality: int | None = None,
		file_name_pattern: str | None = None,
		date_folders: bool | None = None,
		device: str | None = None,
		memory: str | None = None,
		hf_token: str | None = None,
		safety_checker: bool | None = None,
		keep_flagged: bool | None = None,
	) -> dict[str, Json]:
		given = {name: value for name, value in locals().items() if name in SECTION_FIELDS and value is not None}
		with shown_as_message():
			store.save(given)
		return settings_json(store)

	set_settings.__doc__ = api_docstring(
		'Change settings by name; a parameter left out (None) keeps its value. One bad value changes nothing.',
		RETURNS,
		SETTING_FIELDS,
	)

	def reset_settings(section: str) -> dict[str, Json]:
		"""Put one section back to its defaults.

		Args:
			section: generation, preview, saving, device or hub (hub removes the stored token).
		Returns:
			{settings, in_effect, set_by_flags, defaults, hf_token_set}.
		"""
		for name in SECTIONS:
			if name == section:
				store.reset(name)
				return settings_json(store)
		with shown_as_message():
			raise InvalidRequestError(f'unknown section {section!r}; the sections are: {", ".join(SECTIONS)}')

	def system_info() -> dict[str, Json]:
		"""This machine as the System section shows it: device and dtype in use, GPUs (name, total and free VRAM,
		compute capability), driver, CUDA and cuDNN versions, package versions, RAM, free disk, why CUDA is unused
		when it should be (with the fix), and the model families that suit the machine.

		Returns:
			A JSON object; sizes are in bytes.
		"""
		return report.as_json()

	for endpoint in (get_settings, set_settings, reset_settings, system_info):
		add_endpoint(endpoint, api_name=endpoint.__name__)


SECTION_FIELDS = frozenset(field.name for field in SETTING_FIELDS)
