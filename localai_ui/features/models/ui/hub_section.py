"""The "Hugging Face" section of the Models tab: search, a repo's details and files, and downloads that run in the
library's download jobs (progress here, and the models table redraws when a model arrives). Only clicks contact
the hub: the page's load and the progress timer read local state alone."""

from typing import cast

import gradio as gr

from localai_ui.features.library_views import download_html
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.models.hub_presenter import (
	FAMILY_CHOICES,
	FILE_HEADERS,
	RESULT_HEADERS,
	checked_sort,
	checked_target,
	details_markdown,
	family_from,
	file_rows,
	result_rows,
)
from localai_ui.features.models.hub_targets import HUB_TARGETS
from localai_ui.features.ui_common.shelf_view import warned
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.hub import HubDetails
from localai_ui.services.downloads.jobs import DownloadStatus
from localai_ui.services.hub import single_file_choices

PRIVATE = 'private'
WHOLE_REPO = '(whole diffusers repo)'
NOTE = (
	'Search and download text-to-image models from Hugging Face. Nothing is sent until you click; gated repos use '
	'the token saved in Settings → Hugging Face. A whole repo brings only the files a pipeline needs; '
	'downloading again resumes one that was cut short.'
)


def build_hub_section(hub: HubDownloads) -> None:
	"""Lay out the section (closed) in the current Blocks and wire it."""
	with gr.Accordion('Hugging Face', open=False, elem_id='models-hub'):
		gr.Markdown(NOTE)
		with gr.Row(equal_height=True):
			query = gr.Textbox(label='Search', placeholder='e.g. sdxl turbo', scale=3, elem_id='models-hub-query')
			sort = gr.Radio(['downloads', 'likes'], value='downloads', label='Sort by', scale=2)
			family = gr.Dropdown(FAMILY_CHOICES, value='any', label='Family', scale=1, min_width=120)
			search = gr.Button(
				'Search', variant='primary', size='md', scale=0, min_width=110, elem_id='models-hub-search'
			)
		results = gr.Dataframe(
			headers=RESULT_HEADERS, interactive=False, max_height=320, wrap=True, elem_id='models-hub-results'
		)
		with gr.Row(equal_height=True):
			repo = gr.Textbox(label='Repo (owner/name); pick a result or type one', scale=3, elem_id='models-hub-repo')
			open_details = gr.Button('Details', size='md', scale=0, min_width=110, elem_id='models-hub-open')
		details = gr.Markdown(elem_id='models-hub-details')
		files = gr.Dataframe(headers=FILE_HEADERS, interactive=False, max_height=280, elem_id='models-hub-files')
		with gr.Row(equal_height=True):
			choice = gr.Dropdown([WHOLE_REPO], value=WHOLE_REPO, label='What to download', scale=3)
			target = gr.Radio(list(HUB_TARGETS), value='model', label='Into the folder of', scale=3)
			fp16 = gr.Checkbox(label='fp16 weights', scale=1, min_width=120)
			download = gr.Button(
				'Download', variant='primary', size='md', scale=0, min_width=120, elem_id='models-hub-download'
			)
			cancel = gr.Button('Cancel', variant='stop', size='md', scale=0, min_width=100, elem_id='models-hub-cancel')
		message = gr.Markdown(elem_id='models-hub-message')
		progress = gr.HTML(elem_id='models-hub-progress')
	started = gr.State(cast(list[str], []))
	shown = gr.State(cast(HubDetails | None, None))
	timer = gr.Timer(1.0, active=False)

	def searched(text: str, order: str, kind: str) -> tuple[object, str]:
		try:
			found = hub.search(text, sort=checked_sort(order), family=family_from(kind))
		except LocalAIError as error:
			return gr.update(), warned(str(error))
		return result_rows(found), f'{len(found)} models found.' if found else 'No model matched.'

	def opened(repo_id: str, half: bool) -> tuple[object, ...]:
		try:
			found = hub.details(repo_id)
		except LocalAIError as error:
			return repo_id, gr.update(), gr.update(), gr.update(), warned(str(error)), gr.update()
		singles = [file.path for file in single_file_choices(found)]
		choices = ([WHOLE_REPO] if found.is_diffusers else []) + singles
		picked = gr.update(choices=choices, value=choices[0] if choices else None)
		return found.model.id, details_markdown(found), file_rows(found, half), picked, '', found

	def picked(half: bool, event: gr.SelectData) -> tuple[object, ...]:
		row: object = event.row_value
		first = cast(list[object], row)[0] if isinstance(row, list) and row else None
		return opened(str(first or ''), half)

	def weights_changed(found: HubDetails | None, half: bool) -> object:
		"""The whole-repo column follows the fp16 box (no hub call: the details are kept from the last open)."""
		return gr.update() if found is None else file_rows(found, half)

	def downloaded(repo_id: str, what: str | None, into: str, half: bool, ids: list[str]) -> tuple[object, ...]:
		file = '' if what in (None, WHOLE_REPO) else what
		try:
			begun = hub.start(repo_id, file=file, target=checked_target(into), fp16=half)
		except LocalAIError as error:
			return warned(str(error)), gr.update(), ids, gr.update()
		ids = [*ids, begun.status.id]
		said = f'Downloading **{plain(begun.status.name)}** ({len(begun.plan.files)} files) into the {into} folder.'
		return said, _progress(hub, ids), ids, gr.Timer(active=True)

	def cancelled(ids: list[str]) -> tuple[str, str]:
		for target in HUB_TARGETS:
			for status in hub.jobs(target).statuses():
				if status.id in ids and status.state == 'running':
					hub.jobs(target).cancel(status.id)
		return 'Cancelling; a whole repo keeps its finished files, so downloading again resumes it.', _progress(
			hub, ids
		)

	def polled(ids: list[str]) -> tuple[str, object]:
		running = any(status.state == 'running' for status in _statuses(hub, ids))
		return _progress(hub, ids), gr.update() if running else gr.Timer(active=False)

	found_outputs = [repo, details, files, choice, message, shown]
	search.click(searched, [query, sort, family], [results, message], api_visibility=PRIVATE)
	query.submit(searched, [query, sort, family], [results, message], api_visibility=PRIVATE)
	results.select(picked, fp16, found_outputs, api_visibility=PRIVATE)
	open_details.click(opened, [repo, fp16], found_outputs, api_visibility=PRIVATE)
	fp16.change(weights_changed, [shown, fp16], files, api_visibility=PRIVATE, queue=False)
	download.click(
		downloaded, [repo, choice, target, fp16, started], [message, progress, started, timer], api_visibility=PRIVATE
	)
	cancel.click(cancelled, started, [message, progress], api_visibility=PRIVATE, queue=False)
	timer.tick(polled, started, [progress, timer], api_visibility=PRIVATE, queue=False, show_progress='hidden')


def _statuses(hub: HubDownloads, ids: list[str]) -> list[DownloadStatus]:
	"""This page's hub downloads, whichever folder they go to."""
	return [status for target in HUB_TARGETS for status in hub.jobs(target).statuses() if status.id in ids]


def _progress(hub: HubDownloads, ids: list[str]) -> str:
	return download_html(_statuses(hub, ids))
