"""The Models tab, built by page section: the library table, the selected model's actions, adding models."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.presenter import HEADERS, record_dict, table_rows
from localai_ui.features.models.ui.api import register_models_api
from localai_ui.features.models.ui.imports import build_import_section
from localai_ui.features.models.ui.selected import build_selected_section, wire_selected_section
from localai_ui.library.shelves import Libraries

Refreshed = tuple[list[list[str]], dict[str, object], dict[str, object], str]


@dataclass(frozen=True)
class ModelsView:
	"""The tab's table, model picker, details and message, and `show(message, name)` that refreshes them."""

	table: gr.Dataframe
	selected: gr.Dropdown
	details: gr.JSON
	message: gr.Markdown
	actions: ModelActions

	@property
	def outputs(self) -> list[Component]:
		return [self.table, self.selected, self.details, self.message]

	def show(self, message: str = '', name: str | None = None) -> Refreshed:
		records = self.actions.shelf.library.records()
		names = [record.name for record in records]
		in_memory = {model.name for model in self.actions.in_memory()}
		chosen = name if name in names else (names[0] if names else None)
		found = next((record for record in records if record.name == chosen), None)
		details = record_dict(found) if found else {}
		return table_rows(records, in_memory), gr.update(choices=names, value=chosen), details, message


def build_models_tab(page: gr.Blocks, actions: ModelActions, libraries: Libraries) -> ModelsView:
	"""Lay out the tab (call inside its gr.Tab) and wire it; the public model endpoints are registered here."""
	with gr.Row():
		refresh = gr.Button('Rescan folder', scale=0, elem_id='models-refresh')
		hashing = gr.Markdown(libraries.hasher.progress.text, elem_id='models-hashing')
	table = gr.Dataframe(headers=HEADERS, interactive=False, elem_id='models-table', wrap=True)
	section = build_selected_section(libraries)
	selected = section.selected
	view = ModelsView(table, selected, section.details, section.message, actions)
	wire_selected_section(section, view)
	build_import_section(view, libraries)

	def rescan(name: str | None) -> Refreshed:
		actions.shelf.library.refresh(full=True)
		return view.show('Rescanned the models folder.', name)

	def show(name: str | None) -> Refreshed:
		return view.show('', name)

	def progress() -> str:
		return libraries.hasher.progress.text

	private = 'private'
	refresh.click(rescan, selected, view.outputs, api_visibility=private)
	selected.input(show, selected, view.outputs, api_visibility=private, queue=False)
	gr.Timer(1.0).tick(progress, outputs=hashing, api_visibility=private, queue=False, show_progress='hidden')
	page.load(show, selected, view.outputs, api_visibility=private, queue=False)
	register_models_api(actions, libraries)
	return view
