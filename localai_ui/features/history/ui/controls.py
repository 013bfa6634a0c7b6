"""The History tab's components (layout only; the package and actions.py wire them)."""

from collections.abc import Callable
from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.features.history.filters import STATUS_CHOICES
from localai_ui.features.history.ui.facts import PICK_AN_IMAGE, facts_panel, prompt_boxes
from localai_ui.schemas.samplers import SAMPLER_NAMES


@dataclass(frozen=True)
class HistoryControls:
	search: gr.Textbox
	search_button: gr.Button
	model: gr.Dropdown
	sampler: gr.Dropdown
	status: gr.Dropdown
	favourites: gr.Checkbox
	date_from: gr.Textbox
	date_to: gr.Textbox
	previous: gr.Button
	next: gr.Button
	page_label: gr.Markdown
	gallery: gr.Gallery
	image: gr.Image
	prompt: gr.Textbox
	negative: gr.Textbox
	details: gr.HTML
	send: gr.Button
	send_img2img: gr.Button
	favourite: gr.Button
	delete: gr.Button
	confirm_row: gr.Row
	confirm: gr.Button
	cancel: gr.Button
	download: gr.DownloadButton
	add_to_selection: gr.Button
	select_page: gr.Button
	clear_selection: gr.Button
	export: gr.Button
	selection_label: gr.Markdown
	export_file: gr.File
	notice: gr.Markdown
	import_untracked: gr.Button
	page: gr.State
	ids: gr.State
	selected: gr.State
	seen: gr.State
	selection: gr.State
	flagged: gr.Checkbox  # the safety checker's flag

	@property
	def filters(self) -> list[Component]:
		"""The search inputs, in the order of parse_filters' parameters."""
		filters = [self.search, self.model, self.sampler, self.status, self.favourites, self.date_from, self.date_to]
		return [*filters, self.flagged]

	@property
	def listing(self) -> list[Component]:
		"""What a search refreshes."""
		return [self.gallery, self.ids, self.page_label, self.page, self.seen]


def build_history_controls(
	models: list[str], notice: str, untracked: int, under_image: Callable[[gr.State], None]
) -> HistoryControls:
	"""The tab's components in page order; `under_image` adds sections below the selected image's details."""
	selected = gr.State(None)
	with gr.Row():
		search = gr.Textbox(
			label='Search prompts',
			placeholder='words from the prompt or negative prompt',
			scale=4,
			elem_id='history-search',
		)
		search_button = gr.Button('Search', variant='primary', scale=0, min_width=100, elem_id='history-search-button')
	with gr.Accordion('Filters', open=False):
		with gr.Row():
			model = gr.Dropdown(['', *models], value='', label='Model', allow_custom_value=True)
			sampler = gr.Dropdown(['', *SAMPLER_NAMES], value='', label='Sampler')
			status = gr.Dropdown(STATUS_CHOICES, value='', label='Status')
		with gr.Row():
			favourites = gr.Checkbox(label='Favourites only')
			flagged = gr.Checkbox(label='Flagged by the safety checker', elem_id='history-flagged')
			date_from = gr.Textbox(label='From (YYYY-MM-DD)', max_lines=1)
			date_to = gr.Textbox(label='To (YYYY-MM-DD)', max_lines=1)
	notice_box = gr.Markdown(notice, elem_id='history-notice')
	import_button = gr.Button(f'Import {untracked} untracked image(s)', visible=untracked > 0, size='sm')
	with gr.Row(equal_height=True):
		previous = gr.Button('◀ Newer', size='sm', scale=0, min_width=110, elem_id='history-previous')
		page_label = gr.Markdown('Page 1', elem_id='history-page')
		next_button = gr.Button('Older ▶', size='sm', scale=0, min_width=110, elem_id='history-next')
	with gr.Row():
		with gr.Column(scale=2):
			gallery = gr.Gallery(
				label='History',
				columns=6,
				fit_columns=False,
				allow_preview=False,
				interactive=False,
				elem_id='history-gallery',
			)
		with gr.Column(scale=1):
			image = gr.Image(
				label='Image',
				type='filepath',
				interactive=False,
				elem_id='history-image',
				buttons=['download', 'fullscreen'],
			)
			with gr.Row():
				send = gr.Button('Send to Generate', variant='primary', elem_id='history-send')
				send_img2img = gr.Button('Send to image to image', elem_id='history-send-img2img')
			with gr.Row():
				favourite = gr.Button('☆ Favourite', elem_id='history-favourite')
				download = gr.DownloadButton('Download', elem_id='history-download')
				delete = gr.Button('Delete', variant='stop', elem_id='history-delete')
			with gr.Row(visible=False) as confirm_row:
				confirm = gr.Button(
					'Yes, delete the image, its thumbnail and its record', variant='stop', elem_id='history-confirm'
				)
				cancel = gr.Button('Keep it', elem_id='history-cancel')
			prompt, negative = prompt_boxes('history')
			details = facts_panel('history-details', PICK_AN_IMAGE)
			with gr.Accordion('Export', open=False):
				with gr.Row():
					add = gr.Button('Add image to selection', size='sm')
					select_page = gr.Button('Add page to selection', size='sm')
					clear = gr.Button('Clear selection', size='sm')
				selection_label = gr.Markdown('Nothing selected.')
				export = gr.Button('Export selection as ZIP', elem_id='history-export')
				export_file = gr.File(label='Export', interactive=False)
			under_image(selected)
	return HistoryControls(
		search, search_button, model, sampler, status, favourites, date_from, date_to, previous, next_button,
		page_label, gallery, image, prompt, negative, details, send, send_img2img, favourite, delete, confirm_row, confirm, cancel, download, add,
		select_page, clear, export, selection_label, export_file, notice_box, import_button, gr.State(1), gr.State([]),
		selected, gr.State(0), gr.State([]), flagged,
	)  # fmt: skip
