"""The Models tab, built by page section: the library table, the selected model's actions, adding models,
Hugging Face."""

from dataclasses import dataclass
from typing import cast

import gradio as gr
from gradio.components import Component

from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.models.presenter import COLUMN_WIDTHS, HEADERS, record_dict, table_rows
from localai_ui.features.models.ui.api import register_models_api
from localai_ui.features.models.ui.hub_api import register_hub_api
from localai_ui.features.models.ui.hub_section import build_hub_section
from localai_ui.features.models.ui.selected import build_selected_section, wire_selected_section
from localai_ui.features.ui_common.asset_imports import build_import_section
from localai_ui.features.ui_common.partial_downloads import build_partial_downloads
from localai_ui.features.ui_common.shelf_view import Redrawn
from localai_ui.library.shelves import Libraries

PRIVATE = 'private'


@dataclass(frozen=True)
class ModelsView:
	"""The tab's table, model picker, details and message, and `show(message, name)` that redraws them."""

	table: gr.Dataframe
	selected: gr.Dropdown
	details: gr.JSON
	message: gr.Markdown
	actions: ModelActions

	@property
	def outputs(self) -> list[Component]:
		return [self.table, self.selected, self.details, self.message]

	@property
	def filters(self) -> list[Component]:
		return []

	def show(self, message: str = '', name: str | None = None, *_filters: str) -> Redrawn:
		records = self.actions.shelf.library.records()
		names = [record.name for record in records]
		in_memory = {model.name for model in self.actions.in_memory()}
		chosen = name if name in names else (names[0] if names else None)
		found = next((record for record in records if record.name == chosen), None)
		details = record_dict(found) if found else {}
		return table_rows(records, in_memory), gr.update(choices=names, value=chosen), details, message


def build_models_tab(page: gr.Blocks, actions: ModelActions, libraries: Libraries, hub: HubDownloads) -> ModelsView:
	"""Lay out the tab (call inside its gr.Tab) and wire it; the public model endpoints are registered here."""
	with gr.Row(equal_height=True):
		refresh = gr.Button('Rescan folder', size='md', scale=0, min_width=160, elem_id='models-refresh')
		hashing = gr.Markdown(libraries.hasher.progress.text, elem_id='models-hashing')
	table = gr.Dataframe(
		headers=HEADERS,
		interactive=False,
		elem_id='models-table',
		wrap=True,
		column_widths=COLUMN_WIDTHS,
		max_height=420,
		buttons=['copy'],
	)
	section = build_selected_section(libraries)
	view = ModelsView(table, section.selected, section.details, section.message, actions)
	wire_selected_section(section, view)
	build_import_section(view, libraries.checkpoints.imports, prefix='models')
	build_hub_section(hub)
	build_partial_downloads(page, libraries.checkpoints.imports, prefix='models')

	def rescan(name: str | None) -> Redrawn:
		actions.shelf.library.refresh(full=True)
		return view.show('Rescanned the models folder.', name)

	def show(name: str | None) -> Redrawn:
		return view.show('', name)

	def pick(event: gr.SelectData) -> Redrawn:
		row: object = event.row_value
		first = cast(list[object], row)[0] if isinstance(row, list) and row else None
		return view.show('', None if first is None else str(first))

	def progress() -> str:
		return libraries.hasher.progress.text

	refresh.click(rescan, view.selected, view.outputs, api_visibility=PRIVATE)
	view.selected.input(show, view.selected, view.outputs, api_visibility=PRIVATE, queue=False)
	table.select(pick, None, view.outputs, api_visibility=PRIVATE, queue=False)
	gr.Timer(1.0).tick(progress, outputs=hashing, api_visibility=PRIVATE, queue=False, show_progress='hidden')
	page.load(show, view.selected, view.outputs, api_visibility=PRIVATE, queue=False)
	register_models_api(actions, libraries)
	register_hub_api(hub)
	return view
