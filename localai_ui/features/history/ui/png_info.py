"""PNG Info: drop an image from any tool and see how it was made; send what maps onto ours to Generate."""

from pathlib import Path

import gradio as gr

from localai_ui.features.history.png_info_view import info_dict, info_markdown
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui.send import wire_send
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.png_info import GenerationSettings

FILE_TYPES = ['.png', '.jpg', '.jpeg', '.webp']


def build_png_info(service: HistoryService, generate: GenerateHandle, tabs: gr.Tabs) -> None:
	"""The sub-tab's components and events; `/read_png_info` is its public endpoint."""
	with gr.Row():
		with gr.Column():
			upload = gr.File(
				label='Drop a PNG, JPEG or WEBP', file_types=FILE_TYPES, type='filepath', elem_id='png-info-file'
			)
			preview = gr.Image(label='Image', type='filepath', interactive=False, height=320)
		with gr.Column():
			summary = gr.Markdown(elem_id='png-info-summary')
			send = gr.Button('Send to Generate', variant='primary', elem_id='png-info-send')
			data = gr.JSON(label='Everything in the file', elem_id='png-info-json')
	settings = gr.State(None)

	def read_png_info(image: str | None = None) -> tuple[str, dict[str, object], GenerationSettings | None, str | None]:
		"""Read the generation settings written in an image by this app, A1111/Forge, ComfyUI, InvokeAI, Fooocus or NovelAI.

		Args:
			image: a PNG, JPEG or WEBP file.
		Returns:
			A readable summary and every value found (source, prompts, parameters, the settings that map onto /generate).
		"""
		if not image:
			return '', {}, None, None
		try:
			info = service.read_png_info(Path(image))
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error
		return info_markdown(info), info_dict(info), info.settings, image

	def settings_of(value: object) -> GenerationSettings | None:
		return value if isinstance(value, GenerationSettings) else None

	upload.change(read_png_info, upload, [summary, data, settings, preview], api_name='read_png_info')
	wire_send(send, settings, settings_of, generate, tabs)
