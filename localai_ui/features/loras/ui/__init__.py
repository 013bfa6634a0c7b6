"""The LoRAs tab: search, small cards with previews, the chosen LoRA's details, insert its tag or trigger words into
the Generate prompt, rename, delete, add LoRAs."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.features.loras.presenter import cards, details_markdown
from localai_ui.features.loras.ui.api import register_loras_api
from localai_ui.features.loras.ui.card_grid import build_cards_section
from localai_ui.features.loras.ui.selected import build_selected_section
from localai_ui.features.ui_common.asset_imports import build_import_section
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.features.ui_common.partial_downloads import build_partial_downloads
from localai_ui.features.ui_common.shelf_view import Redrawn
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails

PRIVATE = 'private'
NO_LORA = 'No LoRA here yet: add `.safetensors` files under "Add LoRAs" or to the LoRA folder, then press Refresh.'


@dataclass(frozen=True)
class LorasView:
	"""What the tab shows, and `show(message, name, search)`, which redraws all of it."""

	shelf: Shelf[LoraDetails]
	gallery: gr.Gallery
	names: gr.State
	selected: gr.Dropdown
	details: gr.Markdown
	metadata: gr.JSON
	message: gr.Markdown
	search: gr.Textbox

	@property
	def outputs(self) -> list[Component]:
		return [self.gallery, self.names, self.selected, self.details, self.metadata, self.message]

	@property
	def filters(self) -> list[Component]:
		return [self.search]

	def show(self, message: str = '', name: str | None = None, *filters: str) -> Redrawn:
		records = self.shelf.library.search(' '.join(filters))
		names = [record.name for record in records]
		chosen = name if name in names else (names[0] if names else None)
		found = next((record for record in records if record.name == chosen), None)
		return (
			cards(records, self.shelf.edits.preview_file),
			names,
			gr.update(choices=names, value=chosen),
			details_markdown(found) if found else NO_LORA,
			dict(found.row.metadata) if found else {},
			message,
		)


def build_loras_tab(page: gr.Blocks, shelf: Shelf[LoraDetails], generate: GenerateHandle, tabs: gr.Tabs) -> LorasView:
	"""Lay out the tab and wire it; the insert buttons write into the Generate tab's prompt and switch to it."""
	browse = build_cards_section()
	chosen = build_selected_section(browse.main, browse.side)
	view = LorasView(
		shelf,
		browse.gallery,
		gr.State([]),
		chosen.selected,
		chosen.details,
		chosen.metadata,
		chosen.message,
		browse.search,
	)
	browse.wire(view)
	chosen.wire(view, generate.prompt, tabs)
	build_import_section(view, shelf.imports, prefix='loras')
	build_partial_downloads(page, shelf.imports, prefix='loras')

	def first_show(name: str | None, search: str | None) -> Redrawn:
		return view.show('', name, search or '')

	page.load(first_show, [view.selected, view.search], view.outputs, api_visibility=PRIVATE, queue=False)
	register_loras_api(shelf)
	return view
