"""The "Partial downloads" section of a library tab: `.part` files a cut-short download left, each with Resume
(from the bytes already on disk) and Discard (the disk space comes back). Hidden while there are none."""

import html

import gradio as gr

from localai_ui.features.library_views import human_size
from localai_ui.features.ui_common.shelf_view import warned
from localai_ui.features.ui_common.text import plain
from localai_ui.library.imports import AssetImports
from localai_ui.schemas.assets import D
from localai_ui.schemas.errors import LocalAIError
from localai_ui.services.downloads.partials import PartialDownload

PRIVATE = 'private'
POLL_SECONDS = 2.0
Shown = tuple[object, object, object]


def partials_html(parts: list[PartialDownload]) -> str:
	"""One line per partial download: its name, the bytes on disk and where it came from."""
	rows = ''.join(
		f'<li><b>{html.escape(part.name)}</b>: {human_size(part.received)} on disk, '
		f'{html.escape(f"from {part.url}" if part.url else "source unknown (discard only)")}</li>'
		for part in parts
	)
	return f'<ul class="lai-partials">{rows}</ul>'


def build_partial_downloads(page: gr.Blocks, imports: AssetImports[D], *, prefix: str) -> None:
	"""Lay out the section in the current Blocks and wire it; `prefix` starts its elem_ids ('models', 'loras')."""
	with gr.Accordion('Partial downloads', open=True, visible=False, elem_id=f'{prefix}-partials') as section:
		listing = gr.HTML(elem_id=f'{prefix}-partials-list')
		with gr.Row():
			chosen = gr.Dropdown(label='Partial download', choices=[], scale=3, elem_id=f'{prefix}-partial')
			resume = gr.Button('Resume', size='md', scale=0, min_width=100, elem_id=f'{prefix}-partial-resume')
			discard = gr.Button(
				'Discard', size='md', scale=0, min_width=100, variant='stop', elem_id=f'{prefix}-partial-discard'
			)
		message = gr.Markdown(elem_id=f'{prefix}-partials-message')
	shown = [section, listing, chosen]

	def show(name: str | None = None) -> Shown:
		parts = imports.partial_downloads()
		names = [part.name for part in parts]
		value = name if name in names else (names[0] if names else None)
		return gr.update(visible=bool(parts)), partials_html(parts), gr.update(choices=names, value=value)

	def resumed(name: str | None) -> tuple[object, ...]:
		try:
			status = imports.resume_download(name or '')
		except LocalAIError as error:
			return *show(name), warned(str(error))
		return *show(name), f'Resuming **{plain(status.name)}**: its progress shows under the downloads.'

	def discarded(name: str | None) -> tuple[object, ...]:
		try:
			imports.discard_download(name or '')
		except LocalAIError as error:
			return *show(name), warned(str(error))
		return *show(), f'Discarded the partial download **{plain(name or "")}**.'

	resume.click(resumed, chosen, [*shown, message], api_visibility=PRIVATE)
	discard.click(discarded, chosen, [*shown, message], api_visibility=PRIVATE)
	gr.Timer(POLL_SECONDS).tick(show, chosen, shown, api_visibility=PRIVATE, queue=False, show_progress='hidden')
	page.load(show, chosen, shown, api_visibility=PRIVATE, queue=False)
