"""History's "Use as LoRA preview": the image selected there becomes a LoRA's card picture in the LoRAs tab."""

import gradio as gr

from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.features.ui_common.handles import ImageAction, SelectedImage
from localai_ui.features.ui_common.text import plain
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails

PRIVATE = 'private'


def lora_preview_action(shelf: Shelf[LoraDetails]) -> ImageAction:
	"""A section History lays out under its selected image (app.py hands it over; neither tab imports the other)."""
	library = shelf.library

	def usable_names() -> list[str]:
		return [record.name for record in library.usable()]

	def build(selected: SelectedImage) -> None:
		with gr.Accordion('Use as LoRA preview', open=False):
			with gr.Row():
				lora = gr.Dropdown([], value=None, label='LoRA', elem_id='history-lora-name')
				use = gr.Button('Use as LoRA preview', elem_id='history-lora-preview', scale=0)
			note = gr.Markdown(elem_id='history-lora-note')

		def names() -> dict[str, object]:
			return gr.update(choices=usable_names())

		def use_image(image_id: int | None, name: str | None) -> str:
			if image_id is None or not name:
				raise gr.Error('Select an image and choose a LoRA first.', print_exception=False)
			with shown_as_message():
				shelf.edits.set_preview(name, selected.path_of(image_id))
			return f'**{plain(name)}** shows this image in the LoRAs tab now.'

		lora.focus(names, None, lora, api_visibility=PRIVATE, queue=False)
		use.click(use_image, [selected.image_id, lora], note, api_visibility=PRIVATE)

	return build
