"""PNG Info: drop an image from any tool and see how it was made; send what maps onto ours to Generate."""

from pathlib import Path

import gradio as gr

from localai_ui.features.history.png_info_view import info_dict, info_html
from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui.facts import facts_panel, prompt_boxes
from localai_ui.features.history.ui.send import wire_send
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.png_info import GenerationSettings, PngInfo

FILE_TYPES = ['.png', '.jpg', '.jpeg', '.webp']


def build_png_info(service: HistoryService, generate: GenerateHandle, tabs: gr.Tabs) -> None:
	"""The sub-tab's components and events; `/read_png_info` is its public endpoint."""
	with gr.Row():
		with gr.Column():
			upload = gr.File(
				label='Drop a PNG, JPEG or WEBP', file_types=FILE_TYPES, type='filepath', elem_id='png-info-file'
			)
			preview = gr.Image(
				label='Image', type='filepath', interactive=False, height=320, buttons=['download', 'fullscreen']
			)
		with gr.Column():
			prompt, negative = prompt_boxes('png-info')
			summary = facts_panel('png-info-summary')
			send = gr.Button('Send to Generate', variant='primary', elem_id='png-info-send')
			with gr.Accordion('Everything in the file', open=False):
				data = gr.JSON(label='Everything in the file', elem_id='png-info-json')
	info_state = gr.State(None)

	def read_png_info(image: str | None = None) -> tuple[dict[str, object], PngInfo | None]:
		"""Read the generation settings written in an image by this app, A1111/Forge, ComfyUI, InvokeAI, Fooocus or NovelAI.

		Args:
			image: a PNG, JPEG or WEBP file.
		Returns:
			Every value found: source, prompts, parameters, notes, and the settings that map onto /generate.
		"""
		if not image:
			return {}, None
		try:
			info = service.read_png_info(Path(image))
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error
		return info_dict(info), info

	def show(info: PngInfo | None, image: str | None) -> tuple[str, str, str, str | None]:
		if info is None:
			return '', '', '', None
		return info.prompt, info.negative_prompt, info_html(info), image

	def settings_of(value: object) -> GenerationSettings | None:
		return value.settings if isinstance(value, PngInfo) else None

	upload.change(read_png_info, upload, [data, info_state], api_name='read_png_info').success(
		show, [info_state, upload], [prompt, negative, summary, preview], api_visibility='private', queue=False
	)
	wire_send(send, info_state, settings_of, generate, tabs)
