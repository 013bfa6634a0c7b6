"""The LoRA cards: a search box, Refresh, and a grid of small cards (preview and name) in a main column beside a side
column, both left for the selected section to fill; on a narrow window the side column goes below."""

from dataclasses import dataclass
from typing import Protocol

import gradio as gr

from localai_ui.features.ui_common.card_gallery import card_gallery
from localai_ui.features.ui_common.shelf_view import Redrawn, ShelfView, acted
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails

PRIVATE = 'private'
CARD_COLUMNS = 5
CARDS_HEIGHT = 330
SEARCH_HINT = 'name, trigger word, SDXL... then Enter'


class CardsView(ShelfView, Protocol):
	"""The LoRAs view as the cards see it: `names` holds the listed names in card order."""

	@property
	def shelf(self) -> Shelf[LoraDetails]: ...

	@property
	def names(self) -> gr.State: ...


@dataclass(frozen=True)
class CardsSection:
	search: gr.Textbox
	refresh: gr.Button
	gallery: gr.Gallery
	main: gr.Column
	side: gr.Column

	def wire(self, view: CardsView) -> None:
		"""Search on Enter, Refresh rescans the folder, a card click chooses its LoRA."""

		def searched(text: str) -> Redrawn:
			return view.show('', None, text)

		def rescanned(name: str | None, text: str) -> Redrawn:
			def rescan() -> None:
				view.shelf.library.refresh(full=True)

			return acted(view, rescan, 'Rescanned the LoRA folder.', name, text)

		def picked(listed: list[str], text: str, event: gr.SelectData) -> Redrawn:
			index = event.index
			return view.show('', listed[index] if isinstance(index, int) and 0 <= index < len(listed) else None, text)

		self.search.submit(searched, self.search, view.outputs, api_visibility=PRIVATE)
		self.refresh.click(rescanned, [view.selected, self.search], view.outputs, api_visibility=PRIVATE)
		self.gallery.select(picked, [view.names, self.search], view.outputs, api_visibility=PRIVATE)


def build_cards_section() -> CardsSection:
	with gr.Row(equal_height=True):
		search = gr.Textbox(label='Search LoRAs', placeholder=SEARCH_HINT, scale=4, elem_id='loras-search')
		refresh = gr.Button('Refresh', size='md', scale=0, min_width=110, elem_id='loras-refresh')
	with gr.Row():
		main = gr.Column(scale=3, min_width=460)
		with main:
			gallery = card_gallery('LoRAs', 'loras-gallery', columns=CARD_COLUMNS, height=CARDS_HEIGHT)
		side = gr.Column(scale=2, min_width=300)
	return CardsSection(search, refresh, gallery, main, side)
