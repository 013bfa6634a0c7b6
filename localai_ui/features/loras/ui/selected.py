"""The chosen LoRA: its details, insert its tag (once, with the weight) or its trigger words into the Generate
prompt, rename, delete (confirmed), its training metadata."""

from dataclasses import dataclass

import gradio as gr

from localai_ui.cores.prompts.lora_tags import insert_lora_tag, insert_words
from localai_ui.features.loras.ui.card_grid import CardsView
from localai_ui.features.ui_common.handles import go_to_generate
from localai_ui.features.ui_common.shelf_view import Redrawn, acted, warned
from localai_ui.features.ui_common.text import plain

PRIVATE = 'private'
Inserted = tuple[object, object, str]


@dataclass(frozen=True)
class SelectedSection:
	selected: gr.Dropdown
	details: gr.Markdown
	weight: gr.Slider
	insert: gr.Button
	insert_words: gr.Button
	new_name: gr.Textbox
	rename: gr.Button
	confirm: gr.Checkbox
	delete: gr.Button
	message: gr.Markdown
	metadata: gr.JSON

	def wire(self, view: CardsView, prompt: gr.Textbox, tabs: gr.Tabs) -> None:
		"""Inserting switches to Generate; a refusal is a toast and a line here, and nothing else changes."""
		library, edits = view.shelf.library, view.shelf.edits

		def not_inserted(reason: str) -> Inserted:
			return gr.update(), gr.update(), warned(reason)

		def inserted(name: str | None, amount: float, current: str | None) -> Inserted:
			if not name:
				return not_inserted('Choose a LoRA first (click a card).')
			return insert_lora_tag(current or '', name, amount), go_to_generate(), ''

		def words_inserted(name: str | None, current: str | None) -> Inserted:
			found = library.find(name) if name else None
			if found is None:
				return not_inserted('Choose a LoRA first (click a card).')
			words = list(found.details.trigger_words) if found.details else []
			if not words:
				return not_inserted(f'{found.name} has no trigger words in its metadata; type them into the prompt.')
			return insert_words(current or '', words), go_to_generate(), ''

		def chose(name: str | None, *filters: str) -> Redrawn:
			return view.show('', name, *filters)

		def renamed(wanted: str, name: str | None, *filters: str) -> Redrawn:
			def rename() -> str:
				return edits.rename(name or '', wanted).name

			return acted(view, rename, f'Renamed **{plain(name or "")}** to **{plain(wanted)}**.', name, *filters)

		def deleted(sure: bool, name: str | None, *filters: str) -> tuple[object, ...]:
			def delete() -> None:
				edits.delete(name or '', confirm=sure)

			return (*acted(view, delete, f'Deleted **{plain(name or "")}**.', name, *filters), False)

		inserts = [prompt, tabs, self.message]
		kept = [self.selected, *view.filters]
		self.selected.input(chose, kept, view.outputs, api_visibility=PRIVATE)
		# Queued (not queue=False): a refusal's toast reaches the page only through the queue's event stream.
		self.insert.click(inserted, [self.selected, self.weight, prompt], inserts, api_visibility=PRIVATE)
		self.insert_words.click(words_inserted, [self.selected, prompt], inserts, api_visibility=PRIVATE)
		self.rename.click(renamed, [self.new_name, *kept], view.outputs, api_visibility=PRIVATE)
		deletes = [*view.outputs, self.confirm]
		self.delete.click(deleted, [self.confirm, *kept], deletes, api_visibility=PRIVATE)


def build_selected_section(main: gr.Column, side: gr.Column) -> SelectedSection:
	"""The details under the cards (`main`), the choice and its actions beside them (`side`)."""
	with main:
		details = gr.Markdown(elem_id='loras-details')
	with side:
		return _build_actions(details)


def _build_actions(details: gr.Markdown) -> SelectedSection:
	selected = gr.Dropdown(label='LoRA', elem_id='loras-selected')
	weight = gr.Slider(-2, 2, value=1, step=0.05, label='Weight', elem_id='loras-weight')
	with gr.Row():
		insert = gr.Button('Insert into prompt', variant='primary', min_width=150, elem_id='loras-insert')
		words = gr.Button('Insert trigger words', min_width=150, elem_id='loras-insert-words')
	message = gr.Markdown(elem_id='loras-message')
	with gr.Row(equal_height=True):
		new_name = gr.Textbox(label='New name', elem_id='loras-new-name', scale=3)
		rename = gr.Button('Rename', size='md', scale=1, min_width=90, elem_id='loras-rename')
	with gr.Row(equal_height=True):
		confirm = gr.Checkbox(label='Yes, delete the file from disk', elem_id='loras-confirm-delete', scale=3)
		delete = gr.Button('Delete', variant='stop', size='md', scale=1, min_width=90, elem_id='loras-delete')
	with gr.Accordion('Training metadata', open=False):
		metadata = gr.JSON(show_label=False, elem_id='loras-metadata')
	return SelectedSection(
		selected, details, weight, insert, words, new_name, rename, confirm, delete, message, metadata
	)
