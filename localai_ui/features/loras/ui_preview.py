"""History's "Use as LoRA preview": the selected image becomes a LoRA's card picture in the LoRAs tab."""

import gradio as gr

from localai_ui.features.history.service import HistoryService
from localai_ui.features.history.ui import HistoryExtension
from localai_ui.features.history.ui_controls import HistoryControls
from localai_ui.features.loras.feature import LorasFeature
from localai_ui.features.loras.ui_picker import usable_names
from localai_ui.features.ui_endpoints import shown_as_message


def lora_preview_action(feature: LorasFeature) -> HistoryExtension:
	"""The History tab calls this with its controls, inside its Browse tab."""

	def extend(c: HistoryControls, history: HistoryService) -> None:
		with gr.Accordion('Use as LoRA preview', open=False):
			with gr.Row():
				lora = gr.Dropdown(usable_names(feature.library), value=None, label='LoRA', elem_id='history-lora-name')
				use = gr.Button('Use as LoRA preview', elem_id='history-lora-preview', scale=0)
			note = gr.Markdown(elem_id='history-lora-note')

		def names() -> dict[str, object]:
			return gr.update(choices=usable_names(feature.library))

		def use_image(image_id: int | None, name: str | None) -> str:
			if image_id is None or not name:
				raise gr.Error('Select an image and choose a LoRA first.', print_exception=False)
			with shown_as_message():
				feature.actions.set_preview(name, history.full_path(history.details(image_id).item.path))
			return f'**{name}** shows this image in the LoRAs tab now.'

		lora.focus(names, None, lora, api_visibility='private', queue=False)
		use.click(use_image, [c.selected, lora], note, api_visibility='private')

	return extend
