"""Embeddings and LoRAs under the prompt: picking one writes it into the prompt, where typed ones live too.

The prompt stays the one place they are chosen: picked and typed tags combine, the API takes the same syntax, and
History and the infotext keep the tags as written (as A1111 does).
"""

import gradio as gr

from localai_ui.cores.prompts.lora_tags import insert_lora_tag, insert_words
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.loras import LoraDetails

PRIVATE = 'private'


def build_extra_networks(tools: PromptTools, loras: AssetLibrary[LoraDetails], prompt: gr.Textbox) -> gr.Button:
	"""Lay out the pickers in an accordion and wire them to `prompt`; returns the refresh button."""
	with gr.Accordion('Embeddings and LoRAs', open=False, elem_id='extra-networks'):
		with gr.Row():
			lora = gr.Dropdown(
				[],
				value=None,
				label='Add a LoRA',
				info='Writes <lora:name:weight>; picking it again changes the weight.',
				elem_id='lora-picker',
				scale=3,
			)
			weight = gr.Slider(-2, 2, value=1, step=0.05, label='LoRA weight', elem_id='lora-picker-weight', scale=2)
		with gr.Row():
			embedding = gr.Dropdown(
				tools.embedding_names(),
				value=None,
				label='Add an embedding',
				info='Textual inversions from the embeddings folder, used by name.',
				elem_id='embedding-picker',
				scale=3,
			)
			refresh = gr.Button('Refresh lists', size='sm', scale=1, elem_id='refresh-networks')
		notes = gr.Markdown('', elem_id='embedding-notes')

	def lora_names() -> dict[str, object]:
		return gr.update(choices=[record.name for record in loras.usable()])

	def add_lora(name: str | None, amount: float, text: str | None) -> tuple[str, dict[str, object]]:
		current = text or ''
		return (insert_lora_tag(current, name, amount) if name else current), gr.update(value=None)

	def add_embedding(text: str | None, name: str | None) -> tuple[str, None]:
		return insert_words(text or '', [name] if name else []), None

	def refresh_lists() -> tuple[dict[str, object], dict[str, object], str]:
		loras.refresh()
		tools.refresh_embeddings()
		embeddings = gr.update(choices=tools.embedding_names(), value=None)
		return lora_names(), embeddings, tools.embedding_notes()

	lora.focus(lora_names, None, lora, api_visibility=PRIVATE, queue=False)
	lora.input(add_lora, [lora, weight, prompt], [prompt, lora], api_visibility=PRIVATE, queue=False)
	embedding.input(add_embedding, [prompt, embedding], [prompt, embedding], api_visibility=PRIVATE, queue=False)
	refresh.click(refresh_lists, None, [lora, embedding, notes], api_visibility=PRIVATE)
	return refresh
