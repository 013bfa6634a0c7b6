"""The selected model's section: load, unload, make default, rename, choose its VAE, delete (confirmed)."""

from dataclasses import dataclass
from typing import Protocol

import gradio as gr

from localai_ui.features.models.actions import ModelActions
from localai_ui.features.ui_common.shelf_view import Redrawn, ShelfView, acted
from localai_ui.features.ui_common.text import plain
from localai_ui.library.shelves import Libraries

OWN_VAE = "(the model's own)"
PRIVATE = 'private'


class ModelsShown(ShelfView, Protocol):
	@property
	def actions(self) -> ModelActions: ...


@dataclass(frozen=True)
class SelectedSection:
	selected: gr.Dropdown
	load: gr.Button
	unload: gr.Button
	make_default: gr.Button
	new_name: gr.Textbox
	rename: gr.Button
	vae: gr.Dropdown
	use_vae: gr.Button
	confirm: gr.Checkbox
	delete: gr.Button
	message: gr.Markdown
	details: gr.JSON


def vae_choices(libraries: Libraries) -> list[str]:
	return [OWN_VAE, *(record.name for record in libraries.vaes.library.usable())]


def build_selected_section(libraries: Libraries) -> SelectedSection:
	"""Each field with its buttons under it, so nothing is stretched and the columns wrap on a narrow window."""
	with gr.Row():
		with gr.Column(scale=3, min_width=300):
			selected = gr.Dropdown(label='Model', elem_id='models-selected', allow_custom_value=False)
			with gr.Row():
				load = gr.Button('Load', size='md', min_width=80, elem_id='models-load')
				unload = gr.Button('Unload', size='md', min_width=80, elem_id='models-unload')
				make_default = gr.Button('Set default', size='md', min_width=110, elem_id='models-default')
		with gr.Column(scale=2, min_width=220):
			new_name = gr.Textbox(label='New name', elem_id='models-new-name')
			rename = gr.Button('Rename', size='md', elem_id='models-rename')
		with gr.Column(scale=2, min_width=220):
			vae = gr.Dropdown(vae_choices(libraries), value=OWN_VAE, label='VAE (from the VAE folder)')
			use_vae = gr.Button('Use VAE', size='md', elem_id='models-use-vae')
	message = gr.Markdown(elem_id='models-message')
	details = gr.JSON(label='Details and metadata', elem_id='models-details')
	with gr.Row(equal_height=True):
		confirm = gr.Checkbox(label='Yes, delete the file from disk', elem_id='models-confirm-delete', scale=3)
		delete = gr.Button('Delete', variant='stop', size='md', scale=1, min_width=100, elem_id='models-delete')
	return SelectedSection(
		selected, load, unload, make_default, new_name, rename, vae, use_vae, confirm, delete, message, details
	)


def wire_selected_section(section: SelectedSection, view: ModelsShown) -> None:
	"""Each action redraws the table and details; a refused action shows its reason and changes nothing."""
	actions = view.actions

	def do_load(name: str) -> Redrawn:
		return acted(view, lambda: actions.load(name).name, f'Loaded **{plain(name)}**.', name)

	def do_unload(name: str) -> Redrawn:
		return acted(view, lambda: actions.unload(name), f'Unloaded **{plain(name)}**.', name)

	def do_default(name: str) -> Redrawn:
		done = f'**{plain(name)}** is the default model: the Generate tab picks it when the page opens.'
		return acted(view, lambda: actions.shelf.edits.set_default(name).name, done, name)

	def do_rename(name: str, wanted: str) -> Redrawn:
		def rename() -> str:
			return actions.rename(name, wanted).name

		return acted(view, rename, f'Renamed **{plain(name)}** to **{plain(wanted)}**.', name)

	def do_vae(name: str, choice: str) -> Redrawn:
		vae = None if choice == OWN_VAE else choice
		return acted(view, lambda: actions.set_vae(name, vae).name, f'**{plain(name)}** uses {plain(choice)}.', name)

	def do_delete(name: str, sure: bool) -> tuple[object, ...]:
		def delete() -> None:
			actions.delete(name, confirm=sure)

		return (*acted(view, delete, f'Deleted **{plain(name)}**.', name), False)

	outputs = view.outputs
	section.load.click(do_load, section.selected, outputs, concurrency_limit=1, api_visibility=PRIVATE)
	section.unload.click(do_unload, section.selected, outputs, api_visibility=PRIVATE)
	section.make_default.click(do_default, section.selected, outputs, api_visibility=PRIVATE)
	section.rename.click(do_rename, [section.selected, section.new_name], outputs, api_visibility=PRIVATE)
	section.use_vae.click(do_vae, [section.selected, section.vae], outputs, api_visibility=PRIVATE)
	delete_outputs = [*outputs, section.confirm]
	section.delete.click(do_delete, [section.selected, section.confirm], delete_outputs, api_visibility=PRIVATE)
