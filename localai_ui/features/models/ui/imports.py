"""The Models tab's import section: upload, local path, URL download with progress and cancel, Hugging Face."""

from pathlib import Path

import gradio as gr

from localai_ui.features.library_views import download_html
from localai_ui.features.models.hub import download_from_hub
from localai_ui.features.models.ui.selected import ModelsShown, Refreshed
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.library.shelves import Libraries


def build_import_section(shown: ModelsShown, libraries: Libraries) -> None:
	"""Every way in refreshes the table and selects the new model."""
	library, imports = libraries.checkpoints.library, libraries.checkpoints.imports
	outputs = shown.outputs

	def view(message: str, name: str | None) -> Refreshed:
		return shown.show(message, name)

	with gr.Accordion('Add models', open=False):
		upload = gr.File(label='Upload a .safetensors file', file_types=['.safetensors'], type='filepath')
		with gr.Row():
			path = gr.Textbox(label='Path inside an import folder', elem_id='models-import-path')
			mode = gr.Radio(['copy', 'link'], value='copy', label='Copy, or hard-link to save disk')
			import_path = gr.Button('Import', scale=0)
		with gr.Row():
			url = gr.Textbox(label='Download URL (http/https, .safetensors)', elem_id='models-url')
			sha256 = gr.Textbox(label='Expected sha256 (optional)')
			download = gr.Button('Download', scale=0)
			cancel = gr.Button('Cancel', scale=0, variant='stop')
		progress = gr.HTML(elem_id='models-downloads')
		with gr.Row():
			repo = gr.Textbox(label='Hugging Face repo id (owner/name)')
			repo_file = gr.Textbox(label='File in the repo (empty: the diffusers folder)')
			fetch = gr.Button('Fetch', scale=0)
	finished = gr.State(0)

	def do_upload(file: str | None) -> Refreshed:
		if not file:
			return view('', None)
		with shown_as_message():
			record = imports.save_upload(Path(file), Path(file).name)
		return view(f'Added **{record.name}**.', record.name)

	def do_import(where: str, how: str) -> Refreshed:
		with shown_as_message():
			record = imports.import_path(where, 'link' if how == 'link' else 'copy')
		return view(f'Imported **{record.name}**.', record.name)

	def do_download(address: str, expected: str) -> str:
		with shown_as_message():
			imports.start_download(address, expected or None)
		return download_html(imports.jobs.statuses())

	def do_cancel() -> str:
		for status in imports.jobs.statuses():
			if status.state == 'running':
				imports.jobs.cancel(status.id)
		return download_html(imports.jobs.statuses())

	def do_fetch(repo_id: str, file_name: str) -> Refreshed:
		with shown_as_message():
			record = download_from_hub(library, repo_id, file_name or None)
		return view(f'Fetched **{record.name}**.', record.name)

	def poll(seen: int, name: str | None) -> tuple[object, ...]:
		statuses = imports.jobs.statuses()
		done = sum(status.state == 'done' for status in statuses)
		changed: tuple[object, ...] = view('', name) if done != seen else (gr.update(),) * 4
		return (download_html(statuses), done, *changed)

	upload.upload(do_upload, inputs=upload, outputs=outputs, api_visibility='private')
	import_path.click(do_import, inputs=[path, mode], outputs=outputs, api_visibility='private')
	download.click(do_download, inputs=[url, sha256], outputs=progress, api_visibility='private')
	cancel.click(do_cancel, outputs=progress, api_visibility='private', queue=False)
	fetch.click(do_fetch, inputs=[repo, repo_file], outputs=outputs, api_visibility='private')
	gr.Timer(1.0).tick(
		poll, inputs=[finished, outputs[1]], outputs=[progress, finished, *outputs], api_visibility='private'
	)
