"""The LoRAs tab's "Add LoRAs" section: upload, a path inside an import folder, an http(s) download with progress."""

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import gradio as gr
from gradio.components import Component

from localai_ui.features.library_views import download_html
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails


class _View(Protocol):
	@property
	def outputs(self) -> list[Component]: ...

	@property
	def search(self) -> gr.Textbox: ...


Show = Callable[[str, str | None, str], tuple[object, ...]]
POLL_SECONDS = 1.0


def build_lora_imports(shelf: Shelf[LoraDetails], view: _View, show: Show) -> None:
	"""Each way in shows the new LoRA selected, or the reason it was refused."""
	imports = shelf.imports
	with gr.Accordion('Add LoRAs', open=False):
		upload = gr.File(label='Upload a .safetensors LoRA', file_types=['.safetensors'], type='filepath')
		with gr.Row():
			where = gr.Textbox(label='Path inside an import folder', elem_id='loras-import-path')
			how = gr.Radio(['copy', 'link'], value='copy', label='Copy, or hard-link to save disk')
			bring = gr.Button('Import', scale=0)
		with gr.Row():
			url = gr.Textbox(label='Download URL (http/https, .safetensors)', elem_id='loras-url')
			expected = gr.Textbox(label='Expected sha256 (optional)')
			fetch = gr.Button('Download', scale=0)
		downloads = gr.HTML(elem_id='loras-downloads')
	finished = gr.State(0)

	def uploaded(file: str | None, text: str) -> tuple[object, ...]:
		if not file:
			return show('', None, text)
		with shown_as_message():
			record = imports.save_upload(Path(file), Path(file).name)
		return show(f'Added **{record.name}**.', record.name, text)

	def imported(path: str, mode: str, text: str) -> tuple[object, ...]:
		with shown_as_message():
			record = imports.import_path(path, 'link' if mode == 'link' else 'copy')
		return show(f'Imported **{record.name}**.', record.name, text)

	def started(address: str, sha256: str) -> str:
		with shown_as_message():
			imports.start_download(address, sha256 or None)
		return download_html(imports.jobs.statuses())

	def polled(seen: int, text: str) -> tuple[object, ...]:
		statuses = imports.jobs.statuses()
		done = sum(status.state == 'done' for status in statuses)
		refreshed = (
			show('A download finished.', None, text) if done != seen else tuple(gr.update() for _ in view.outputs)
		)
		return download_html(statuses), done, *refreshed

	private = 'private'
	upload.upload(uploaded, [upload, view.search], view.outputs, api_visibility=private)
	bring.click(imported, [where, how, view.search], view.outputs, api_visibility=private)
	fetch.click(started, [url, expected], downloads, api_visibility=private)
	gr.Timer(POLL_SECONDS).tick(
		polled,
		[finished, view.search],
		[downloads, finished, *view.outputs],
		api_visibility=private,
		show_progress='hidden',
	)
