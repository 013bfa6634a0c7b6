""" "Send to Upscale" from other tabs: Generate's result pane and History's selected image become the picture to
upscale, and the Upscale tab opens (app.py wires these; no tab imports another)."""

from pathlib import Path

import gradio as gr
from PIL import Image

from localai_ui.features.ui_common.handles import ImageAction, SelectedImage, UpscaleHandle, go_to_upscale
from localai_ui.schemas.errors import LocalAIError

PRIVATE = 'private'


def wire_send_result(button: gr.Button, result: gr.Image, upscale: UpscaleHandle, tabs: gr.Tabs) -> None:
	"""Generate's "Send to Upscale": the image in the result pane (the final one, or the one picked in the gallery)."""

	def send(picture: Image.Image | None) -> tuple[Image.Image, gr.Tabs]:
		if picture is None:
			raise gr.Error('Nothing to send yet: generate an image first.', print_exception=False)
		return picture, go_to_upscale()

	button.click(send, result, [upscale.image, tabs], api_visibility=PRIVATE)


def upscale_action(upscale: UpscaleHandle, tabs: gr.Tabs) -> ImageAction:
	"""History's "Send to Upscale", laid out under the selected image."""

	def build(selected: SelectedImage) -> None:
		button = gr.Button('Send to Upscale', elem_id='history-send-upscale')

		def send(image_id: int | None) -> tuple[str, gr.Tabs]:
			if image_id is None:
				raise gr.Error('Select an image first.', print_exception=False)
			try:
				path: Path = selected.path_of(image_id)
			except LocalAIError as error:
				raise gr.Error(str(error), print_exception=False) from error
			if not path.is_file():
				raise gr.Error(f'{path.name} is no longer in the outputs folder.', print_exception=False)
			return str(path), go_to_upscale()

		button.click(send, selected.image_id, [upscale.image, tabs], api_visibility=PRIVATE)

	return build
