"""The LoRAs tab: search, cards with previews, details of the chosen LoRA, insert into prompt, rename, delete."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.cores.prompts.lora_tags import insert_lora_tag
from localai_ui.features.loras.presenter import cards, details_markdown
from localai_ui.features.loras.ui.api import register_loras_api
from localai_ui.features.loras.ui.imports import build_lora_imports
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.features.ui_common.handles import GenerateHandle, go_to_generate
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails

Shown = tuple[object, list[str], dict[str, object], str, dict[str, str], str]


@dataclass(frozen=True)
class LorasView:
	"""What the tab shows, and `show(message, name, search)`, which refreshes all of it."""

	outputs: list[Component]
	search: gr.Textbox
	selected: gr.Dropdown


def build_loras_tab(page: gr.Blocks, shelf: Shelf[LoraDetails], generate: GenerateHandle, tabs: gr.Tabs) -> LorasView:
	"""Lay out the tab and wire it; "Insert into prompt" writes into the Generate tab's prompt and switches to it."""
	library, edits = shelf.library, shelf.edits
	prompt = generate.prompt

	def show(message: str, name: str | None, search: str) -> Shown:
		records = library.search(search)
		names = [record.name for record in records]
		chosen = name if name in names else (names[0] if names else None)
		found = next((record for record in records if record.name == chosen), None)
		details = details_markdown(found) if found else 'No LoRA yet: add `.safetensors` files below or to the folder.'
		metadata = dict(found.row.metadata) if found else {}
		return (
			cards(records, edits.preview_file),
			names,
			gr.update(choices=names, value=chosen),
			details,
			metadata,
			message,
		)

	with gr.Row():
		search = gr.Textbox(
			label='Search LoRAs', placeholder='name, trigger word, SDXL...', scale=4, elem_id='loras-search'
		)
		refresh = gr.Button('🔄 Refresh', scale=0, elem_id='loras-refresh')
	with gr.Row():
		with gr.Column(scale=2):
			gallery = gr.Gallery(
				label='LoRAs', columns=5, allow_preview=False, interactive=False, elem_id='loras-gallery'
			)
		with gr.Column(scale=1):
			selected = gr.Dropdown(label='LoRA', elem_id='loras-selected')
			details = gr.Markdown(elem_id='loras-details')
			with gr.Row():
				weight = gr.Slider(-2, 2, value=1, step=0.05, label='Weight', elem_id='loras-weight')
				insert = gr.Button('Insert into prompt', variant='primary', elem_id='loras-insert')
			with gr.Row():
				new_name = gr.Textbox(label='New name', elem_id='loras-new-name')
				rename = gr.Button('Rename', scale=0, elem_id='loras-rename')
			with gr.Row():
				confirm = gr.Checkbox(label='Yes, delete the file from disk', elem_id='loras-confirm-delete')
				delete = gr.Button('Delete', variant='stop', scale=0, elem_id='loras-delete')
			message = gr.Markdown(elem_id='loras-message')
			metadata = gr.JSON(label='Training metadata')
	names = gr.State([])
	outputs: list[Component] = [gallery, names, selected, details, metadata, message]

	def do_refresh(name: str | None, text: str) -> Shown:
		with shown_as_message():
			library.refresh(full=True)
		return show('Rescanned the LoRA folder.', name, text)

	def do_search(text: str) -> Shown:
		return show('', None, text)

	def pick(listed: list[str], text: str, event: gr.SelectData) -> Shown:
		index = event.index
		return show('', listed[index] if isinstance(index, int) and 0 <= index < len(listed) else None, text)

	def choose(name: str | None, text: str) -> Shown:
		return show('', name, text)

	def do_insert(name: str | None, amount: float, current: str) -> tuple[str, gr.Tabs, str]:
		if not name:
			raise gr.Error('Choose a LoRA first.', print_exception=False)
		return insert_lora_tag(current or '', name, amount), go_to_generate(), ''

	def do_rename(name: str | None, wanted: str, text: str) -> Shown:
		with shown_as_message():
			renamed = edits.rename(name or '', wanted)
		return show(f'Renamed to **{renamed.name}**.', renamed.name, text)

	def do_delete(name: str | None, sure: bool, text: str) -> tuple[object, ...]:
		with shown_as_message():
			edits.delete(name or '', confirm=sure)
		return (*show(f'Deleted **{name}**.', None, text), False)

	private = 'private'
	search.submit(do_search, search, outputs, api_visibility=private)
	refresh.click(do_refresh, [selected, search], outputs, api_visibility=private)
	gallery.select(pick, [names, search], outputs, api_visibility=private)
	selected.input(choose, [selected, search], outputs, api_visibility=private)
	insert.click(do_insert, [selected, weight, prompt], [prompt, tabs, message], api_visibility=private, queue=False)
	rename.click(do_rename, [selected, new_name, search], outputs, api_visibility=private)
	delete.click(do_delete, [selected, confirm, search], [*outputs, confirm], api_visibility=private)
	view = LorasView(outputs, search, selected)
	build_lora_imports(shelf, view, show)
	page.load(choose, [selected, search], outputs, api_visibility=private, queue=False)
	register_loras_api(shelf)
	return view
