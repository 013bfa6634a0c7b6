"""The Generate tab's LoRA picker: choosing a LoRA appends `<lora:name:weight>` to the prompt.

The prompt stays the one place LoRAs are chosen: picked and typed tags combine, the API takes the same syntax, and
History and the infotext keep the tags as written (as A1111 does).
"""

import gradio as gr

from localai_ui.features.loras.library import LoraLibrary
from localai_ui.features.loras.presenter import insert_tag


def usable_names(library: LoraLibrary) -> list[str]:
	"""The LoRAs a run can use, by name (refreshed each time a dropdown opens)."""
	return [record.name for record in library.records() if record.status == 'ok']


def build_lora_picker(library: LoraLibrary, prompt: gr.Textbox) -> None:
	"""Lay out the picker in the current block and wire it to `prompt`."""
	with gr.Accordion('LoRAs', open=False, elem_id='lora-picker-panel'):
		with gr.Row():
			pick = gr.Dropdown(
				usable_names(library),
				value=None,
				label='Add a LoRA to the prompt',
				info='Inserts <lora:name:weight>; edit or delete the tag in the prompt to change it.',
				elem_id='lora-picker',
				scale=3,
			)
			weight = gr.Slider(-2, 2, value=1, step=0.05, label='LoRA weight', elem_id='lora-picker-weight', scale=2)

	def names() -> dict[str, object]:
		return gr.update(choices=usable_names(library))

	def add(name: str | None, amount: float, current: str | None) -> tuple[str, dict[str, object]]:
		text = current or ''
		return (insert_tag(text, name, amount) if name else text), gr.update(value=None)

	pick.focus(names, None, pick, api_visibility='private', queue=False)
	pick.input(add, [pick, weight, prompt], [prompt, pick], api_visibility='private', queue=False)
