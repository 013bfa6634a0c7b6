"""The Saving images, Device and memory, and Hugging Face sections."""

from collections.abc import Callable
from datetime import datetime

import gradio as gr

from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.ui.section_form import PRIVATE, wire_section
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.app_settings import OUTPUT_FORMATS, OutputFormat
from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_name_pattern import FILE_NAME_TAGS, check_file_name_pattern
from localai_ui.schemas.system import MEMORY_REQUESTS
from localai_ui.services.file_names import FileNameValues, image_file_name
from localai_ui.services.png_info.image_files import EXTENSIONS

EXAMPLE = FileNameValues(
	seed=1234567890,
	prompt='a lighthouse at dusk, oil painting',
	model_name='my-model',
	sampler='DPM++ 2M',
	steps=20,
	cfg_scale=7.0,
	width=512,
	height=768,
	at=datetime(2026, 11, 30, 14, 5, 9),
)
MEMORY_WORDS = (
	"auto chooses per model from the free VRAM; high keeps the model on the GPU; medium (A1111's --medvram) moves "
	'one part at a time to the GPU; low (--lowvram) streams layers, the slowest. Medium and low need a CUDA GPU.'
)


def example_name(pattern: str, output_format: str, date_folders: bool) -> str:
	"""The name the pattern gives an example image, or why the pattern cannot be used."""
	try:
		check_file_name_pattern(pattern)
	except ValueError as error:
		return f'<span class="lai-error">{plain(str(error))}</span>'
	extension = EXTENSIONS.get(output_format if output_format in OUTPUT_FORMATS else 'PNG', 'png')
	folder = '2026-11-30/' if date_folders else ''
	return 'Example: `' + folder + image_file_name('00042-0', pattern, EXAMPLE, extension) + '`'


def build_saving_section(page: gr.Blocks, store: SettingsStore) -> None:
	stored = store.stored().saving
	with gr.Accordion('Saving images', open=True, elem_id='settings-saving'):
		with gr.Row():
			output_format = gr.Radio(
				list(OUTPUT_FORMATS), value=stored.output_format, label='Format', elem_id='settings-format'
			)
			quality = gr.Slider(
				1, 100, value=stored.quality, step=1, label='JPEG and WEBP quality', elem_id='settings-quality'
			)
		tags = ' '.join(f'[{tag}]' for tag in FILE_NAME_TAGS)
		pattern = gr.Textbox(
			value=stored.file_name_pattern, label=f'File name pattern ({tags})', elem_id='settings-pattern'
		)
		date_folders = gr.Checkbox(
			value=stored.date_folders, label='Save into date folders (YYYY-MM-DD)', elem_id='settings-date-folders'
		)
		example = gr.Markdown(
			example_name(stored.file_name_pattern, stored.output_format, stored.date_folders),
			elem_id='settings-example',
		)
		gr.Markdown(
			'JPEG and WEBP carry the infotext in EXIF UserComment, as A1111 writes it; PNG Info reads every format.'
		)
		wire_section(
			page,
			store,
			'saving',
			{
				'output_format': output_format,
				'quality': quality,
				'file_name_pattern': pattern,
				'date_folders': date_folders,
			},
		)

	def show_example(text: str, chosen: OutputFormat, folders: bool) -> str:
		return example_name(text, chosen, folders)

	for control in (pattern, output_format, date_folders):
		control.change(
			show_example, [pattern, output_format, date_folders], example, api_visibility=PRIVATE, queue=False
		)


def build_device_section(page: gr.Blocks, store: SettingsStore, device: Callable[[], DeviceFacts]) -> None:
	"""The devices to choose from and the one in use come from the engine: filled on page load once it is up."""
	stored = store.stored().device
	with gr.Accordion('Device and memory', open=True, elem_id='settings-device'):
		with gr.Row():
			name = gr.Dropdown(
				device_choices(None, stored.device),
				value=stored.device,
				label='Device',
				allow_custom_value=True,
				elem_id='settings-device-name',
			)
			memory = gr.Radio(
				list(MEMORY_REQUESTS), value=stored.memory, label='Memory mode', elem_id='settings-memory'
			)
		gr.Markdown(MEMORY_WORDS)

		def in_use() -> str:
			try:
				facts = device()
			except LocalAIError as error:  # the engine could not start
				return plain(str(error))
			return f'In use now: {facts.label}.' + (f' {plain(facts.note)}' if facts.note else '')

		def choices() -> dict[str, object]:
			try:
				facts = device()
			except LocalAIError:
				facts = None
			return gr.update(choices=device_choices(facts, store.stored().device.device))

		wire_section(page, store, 'device', {'device': name, 'memory': memory}, in_use)
		page.load(choices, None, name, api_visibility=PRIVATE, queue=False)


def device_choices(facts: DeviceFacts | None, stored: str) -> list[str]:
	"""The devices this machine offers (any other can be typed, and is checked on Save); before the engine has
	looked (`facts` None), auto, the CPU and the stored one."""
	gpus = facts.gpu_count if facts else 0
	found = [
		'auto',
		'cpu',
		*(f'cuda:{index}' for index in range(gpus)),
		*(['mps'] if facts and facts.mps_available else []),
	]
	extra = [name for name in (facts.device if facts else '', stored) if name and name not in found]
	return [*found, *dict.fromkeys(extra)]


def build_hub_section(page: gr.Blocks, store: SettingsStore) -> None:
	with gr.Accordion('Hugging Face', open=False, elem_id='settings-hub'):
		token = gr.Textbox(
			'', type='password', label='Access token (for gated or private downloads)', elem_id='settings-hf-token'
		)

		def token_state() -> str:
			return 'A token is stored.' if store.hf_token() else 'No token is stored.'

		wire_section(page, store, 'hub', {'hf_token': token}, token_state)
