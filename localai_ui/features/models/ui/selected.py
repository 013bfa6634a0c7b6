"""The selected model's section: load, unload, make default, rename, choose its VAE, delete (confirmed)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import gradio as gr
from gradio.components import Component

from localai_ui.features.models.actions import ModelActions
from localai_ui.features.ui_common.text import plain
from localai_ui.library.shelves import Libraries
from localai_ui.schemas.errors import LocalAIError

OWN_VAE = "(the model's own)"
PRIVATE = 'private'
Refreshed = tuple[list[list[str]], dict[str, object], dict[str, object], str]


class ModelsShown(Protocol):
	@property
	def outputs(self) -> list[Component]: ...

	@property
	def actions(self) -> ModelActions: ...

	def show(self, message: str = '', name: str | None = None) -> Refreshed: ...


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
	with gr.Row(equal_height=True):
		selected = gr.Dropdown(label='Model', elem_id='models-selected', allow_custom_value=False, scale=3)
		load = gr.Button('Load', scale=0, elem_id='models-load')
		unload = gr.Button('Unload', scale=0, elem_id='models-unload')
		make_default = gr.Button('Set default', scale=0, elem_id='models-default')
	with gr.Row(equal_height=True):
		new_name = gr.Textbox(label='New name', elem_id='models-new-name', scale=3)
		rename = gr.Button('Rename', scale=0, elem_id='models-rename')
		vae = gr.Dropdown(vae_choices(libraries), value=OWN_VAE, label='VAE (from the VAE folder)', scale=3)
		use_vae = gr.Button('Use VAE', scale=0)
	with gr.Row(equal_height=True):
		confirm = gr.Checkbox(label='Yes, delete the file from disk', elem_id='models-confirm-delete')
		delete = gr.Button('Delete', variant='stop', scale=0, elem_id='models-delete')
	message = gr.Markdown(elem_id='models-message')
	details = gr.JSON(label='Details and metadata')
	return SelectedSection(
		selected, load, unload, make_default, new_name, rename, vae, use_vae, confirm, delete, message, details
	)


def wire_selected_section(section: SelectedSection, view: ModelsShown) -> None:
	"""Each action refreshes the table and details; a refused action shows its reason and changes nothing."""
	actions = view.actions

	def acted(do: Callable[[], str | None], done: str, name: str | None) -> Refreshed:
		"""Run one action; a refusal is a toast and a line in the message box, the table and details stay."""
		try:
			new_name = do()
		except LocalAIError as error:
			gr.Warning(str(error))
			return view.show(f'**Not done:** {plain(str(error))}', name)
		return view.show(done, new_name or name)

	def do_load(name: str) -> Refreshed:
		return acted(lambda: actions.load(name).name, f'Loaded **{plain(name)}**.', name)

	def do_unload(name: str) -> Refreshed:
		return acted(lambda: actions.unload(name), f'Unloaded **{plain(name)}**.', name)

	def do_default(name: str) -> Refreshed:
		return acted(
			lambda: actions.shelf.edits.set_default(name).name, f'**{plain(name)}** is the default model.', name
		)

	def do_rename(name: str, wanted: str) -> Refreshed:
		return acted(lambda: actions.rename(name, wanted).name, f'Renamed **{plain(name)}**.', name)

	def do_vae(name: str, choice: str) -> Refreshed:
		vae = None if choice == OWN_VAE else choice
		return acted(lambda: actions.set_vae(name, vae).name, f'**{plain(name)}** uses {plain(choice)}.', name)

	def do_delete(name: str, sure: bool) -> tuple[object, ...]:
		return (*acted(lambda: actions.delete(name, confirm=sure), f'Deleted **{plain(name)}**.', None), False)

	outputs = view.outputs
	section.load.click(do_load, section.selected, outputs, concurrency_limit=1, api_visibility=PRIVATE)
	section.unload.click(do_unload, section.selected, outputs, api_visibility=PRIVATE)
	section.make_default.click(do_default, section.selected, outputs, api_visibility=PRIVATE)
	section.rename.click(do_rename, [section.selected, section.new_name], outputs, api_visibility=PRIVATE)
	section.use_vae.click(do_vae, [section.selected, section.vae], outputs, api_visibility=PRIVATE)
	delete_outputs = [*outputs, section.confirm]
	section.delete.click(do_delete, [section.selected, section.confirm], delete_outputs, api_visibility=PRIVATE)
