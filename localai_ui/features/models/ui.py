"""The Models tab: the library table, actions on the selected model, and the import section."""

from dataclasses import dataclass

import gradio as gr
from gradio.context import Context

from localai_ui.features.models.feature import ModelsFeature
from localai_ui.features.models.presenter import HEADERS, record_dict, table_rows
from localai_ui.features.models.ui_api import register_models_api
from localai_ui.features.models.ui_import import build_import_section
from localai_ui.features.ui_endpoints import shown_as_message

OWN_VAE = "(the model's own)"
Refreshed = tuple[list[list[str]], dict[str, object], dict[str, object], str]


@dataclass(frozen=True)
class ModelsView:
	"""What other tabs may wire to: the table refreshes when they change the library."""

	table: gr.Dataframe
	selected: gr.Dropdown


def build_models_tab(feature: ModelsFeature) -> ModelsView:
	"""Lay out the tab and wire its events (all private; the API is in ui_api)."""
	library, actions = feature.library, feature.actions

	def view(message: str = '', name: str | None = None) -> Refreshed:
		records = library.records()
		names = [record.name for record in records]
		in_memory = {model.name for model in actions.in_memory()}
		chosen = name if name in names else (names[0] if names else None)
		found = next((record for record in records if record.name == chosen), None)
		details = record_dict(found) if found else {}
		return table_rows(records, in_memory), gr.update(choices=names, value=chosen), details, message

	with gr.Row():
		refresh = gr.Button('🔄 Refresh', scale=0)
		hashing = gr.Markdown(feature.hasher.progress.text, elem_id='models-hashing')
	table = gr.Dataframe(headers=HEADERS, interactive=False, elem_id='models-table', wrap=True)
	with gr.Row():
		selected = gr.Dropdown(label='Model', elem_id='models-selected', allow_custom_value=False)
		load = gr.Button('Load', scale=0)
		unload = gr.Button('Unload', scale=0)
		make_default = gr.Button('Set default', scale=0)
	with gr.Row():
		new_name = gr.Textbox(label='New name', elem_id='models-new-name')
		rename = gr.Button('Rename', scale=0)
		vae = gr.Dropdown([OWN_VAE, *library.vae_files()], value=OWN_VAE, label='VAE (from the VAE folder)')
		use_vae = gr.Button('Use VAE', scale=0)
	with gr.Row():
		confirm = gr.Checkbox(label='Yes, delete the file from disk', elem_id='models-confirm-delete')
		delete = gr.Button('Delete', variant='stop', scale=0)
	message = gr.Markdown(elem_id='models-message')
	details = gr.JSON(label='Details and metadata')
	outputs = [table, selected, details, message]

	def do_refresh(name: str | None) -> Refreshed:
		library.refresh(full=True)
		return view('Rescanned the models folder.', name)

	def do_load(name: str) -> Refreshed:
		with shown_as_message():
			actions.load(name)
		return view(f'Loaded **{name}**.', name)

	def do_unload(name: str) -> Refreshed:
		actions.unload(name)
		return view(f'Unloaded **{name}**.', name)

	def do_default(name: str) -> Refreshed:
		with shown_as_message():
			actions.set_default(name)
		return view(f'**{name}** is the default model.', name)

	def do_rename(name: str, wanted: str) -> Refreshed:
		with shown_as_message():
			renamed = actions.rename(name, wanted)
		return view(f'Renamed to **{renamed.name}**.', renamed.name)

	def do_vae(name: str, choice: str) -> Refreshed:
		with shown_as_message():
			actions.set_vae(name, None if choice == OWN_VAE else choice)
		return view(f'**{name}** uses {choice}.', name)

	def do_delete(name: str, sure: bool) -> tuple[list[list[str]], dict[str, object], dict[str, object], str, bool]:
		with shown_as_message():
			actions.delete(name, confirm=sure)
		return (*view(f'Deleted **{name}**.'), False)

	def show(name: str | None) -> Refreshed:
		return view('', name)

	def progress() -> str:
		return feature.hasher.progress.text

	refresh.click(do_refresh, inputs=selected, outputs=outputs, api_visibility='private')
	load.click(do_load, inputs=selected, outputs=outputs, concurrency_id='gpu', api_visibility='private')
	unload.click(do_unload, inputs=selected, outputs=outputs, api_visibility='private')
	make_default.click(do_default, inputs=selected, outputs=outputs, api_visibility='private')
	rename.click(do_rename, inputs=[selected, new_name], outputs=outputs, api_visibility='private')
	use_vae.click(do_vae, inputs=[selected, vae], outputs=outputs, api_visibility='private')
	delete.click(do_delete, inputs=[selected, confirm], outputs=[*outputs, confirm], api_visibility='private')
	selected.input(show, inputs=selected, outputs=outputs, api_visibility='private', queue=False)
	gr.Timer(1.0).tick(progress, outputs=hashing, api_visibility='private', queue=False, show_progress='hidden')
	build_import_section(feature, outputs, view)
	root = Context.root_block
	if root is not None:
		root.load(show, inputs=selected, outputs=outputs, api_visibility='private', queue=False)
	register_models_api(feature)
	return ModelsView(table, selected)
