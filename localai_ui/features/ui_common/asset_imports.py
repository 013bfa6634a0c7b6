"""The "Add ..." section of a library tab: upload, a path inside an import folder, an http(s) download with progress
and cancel (the Models tab's Hugging Face section is its own). Each way in shows the new entry chosen, or why it was
refused."""

from pathlib import Path

import gradio as gr

from localai_ui.features.library_views import download_html
from localai_ui.features.ui_common.shelf_view import Done, Redrawn, ShelfView, acted, refused
from localai_ui.features.ui_common.text import plain
from localai_ui.library.imports import AssetImports
from localai_ui.schemas.assets import D
from localai_ui.schemas.errors import LocalAIError

POLL_SECONDS = 1.0
PRIVATE = 'private'


def build_import_section(view: ShelfView, imports: AssetImports[D], *, prefix: str) -> None:
	"""Lay out the section (closed) in the current Blocks; `prefix` starts its elem_ids ('models', 'loras')."""
	noun = imports.library.spec.noun
	with gr.Accordion(f'Add {noun}s', open=False, elem_id=f'{prefix}-add'):
		upload = gr.File(
			label=f'Upload a .safetensors {noun}', file_types=['.safetensors'], type='filepath', height=120
		)
		with gr.Row():
			where = gr.Textbox(label='Path inside an import folder', elem_id=f'{prefix}-import-path', scale=3)
			how = gr.Radio(['copy', 'link'], value='copy', label='Copy, or hard-link to save disk', scale=2)
			bring = gr.Button('Import', size='md', scale=0, min_width=100, elem_id=f'{prefix}-import')
		with gr.Row():
			url = gr.Textbox(label='Download URL (http/https, .safetensors)', elem_id=f'{prefix}-url', scale=3)
			expected = gr.Textbox(label='Expected sha256 (optional)', scale=2)
			fetch = gr.Button('Download', size='md', scale=0, min_width=110, elem_id=f'{prefix}-download')
			cancel = gr.Button('Cancel downloads', size='md', scale=0, min_width=170, variant='stop')
		downloads = gr.HTML(elem_id=f'{prefix}-downloads')
	finished = gr.State(0)
	kept = [view.selected, *view.filters]

	def uploaded(file: str | None, name: str | None, *filters: str) -> Redrawn:
		if not file:
			return view.show('', name, *filters)
		added = Path(file)
		return acted(view, lambda: imports.save_upload(added, added.name).name, _added('Added'), name, *filters)

	def imported(path: str, mode: str, name: str | None, *filters: str) -> Redrawn:
		def bring_in() -> str:
			return imports.import_path(path, 'link' if mode == 'link' else 'copy').name

		return acted(view, bring_in, _added('Imported'), name, *filters)

	def started(address: str, sha256: str, name: str | None, *filters: str) -> tuple[object, ...]:
		try:
			status = imports.start_download(address, sha256 or None)
		except LocalAIError as error:
			return gr.update(), *refused(view, error, name, *filters)
		shown = view.show(f'Downloading **{plain(status.name)}**.', name, *filters)
		return download_html(imports.jobs.statuses()), *shown

	def cancelled() -> str:
		for status in imports.jobs.statuses():
			if status.state == 'running':
				imports.jobs.cancel(status.id)
		return download_html(imports.jobs.statuses())

	def polled(seen: int, name: str | None, *filters: str) -> tuple[object, ...]:
		statuses = imports.jobs.statuses()
		done = sum(status.state == 'done' for status in statuses)
		if done == seen:
			return download_html(statuses), done, *(gr.update() for _ in view.outputs)
		return download_html(statuses), done, *view.show('A download finished.', name, *filters)

	upload.upload(uploaded, [upload, *kept], view.outputs, api_visibility=PRIVATE)
	bring.click(imported, [where, how, *kept], view.outputs, api_visibility=PRIVATE)
	fetch.click(started, [url, expected, *kept], [downloads, *view.outputs], api_visibility=PRIVATE)
	cancel.click(cancelled, None, downloads, api_visibility=PRIVATE, queue=False)
	gr.Timer(POLL_SECONDS).tick(
		polled, [finished, *kept], [downloads, finished, *view.outputs], api_visibility=PRIVATE, show_progress='hidden'
	)


def _added(verb: str) -> Done:
	def said(name: str) -> str:
		return f'{verb} **{plain(name)}**.'

	return said
