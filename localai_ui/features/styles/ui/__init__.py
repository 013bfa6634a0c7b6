"""The Styles tab: components and their wiring; `/import_styles` and `/export_styles` are its file endpoints."""

import tempfile
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder

from localai_ui.features.styles.preview_runs import RequestRunner
from localai_ui.features.styles.service import StylesService
from localai_ui.features.styles.ui.api import register_api
from localai_ui.features.styles.ui.cards import build_cards, card_outputs, wire_cards
from localai_ui.features.styles.ui.components import StylesControls, build_controls
from localai_ui.features.styles.ui.events import EditorOutputs, editor, wire_events
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.styles import CLASH_POLICIES, STYLE_FORMATS, ClashPolicy, StyleFormat

EXPORT_NAMES = {'csv': 'styles.csv', 'json': 'styles.json'}
POLICY_NAMED: dict[str, ClashPolicy] = {policy: policy for policy in CLASH_POLICIES}
FORMAT_NAMED: dict[str, StyleFormat] = {known: known for known in STYLE_FORMATS}


def build_styles_tab(
	page: gr.Blocks, service: StylesService, generate: GenerateHandle, runner: RequestRunner, tab: gr.Tab
) -> StylesControls:
	"""Lay out the tab inside `tab`; library changes also refresh Generate's style choices and cards."""
	cards = build_cards()
	c = build_controls(service.list_styles(), service.categories())
	refreshed = [c.table, c.category_filter, generate.styles, *card_outputs(cards, generate)]
	refresh = wire_events(c, service, refreshed)
	register_api(service)

	def open_style(name: str | None) -> EditorOutputs:
		with shown_as_message():
			return editor(service.get(name) if name else None)

	editor_outputs = c.editor_outputs
	previews_run = wire_cards(cards, service, generate, runner, open_style, editor_outputs)

	def import_styles(file: str | None, on_clash: str = 'skip') -> str:
		"""Import a styles file: A1111 styles.csv or Fooocus style JSON; a malformed file imports nothing.

		Args:
			file: the .csv or .json file to import.
			on_clash: what to do when a style name exists already: "skip", "overwrite" or "rename".
		Returns:
			A summary of what was added, overwritten, renamed or skipped.
		"""
		if not file:
			raise gr.Error('Choose a styles.csv or .json file to import.', print_exception=False)
		policy = POLICY_NAMED.get(on_clash)
		if policy is None:
			raise gr.Error(f'on_clash must be skip, overwrite or rename, not {on_clash!r}.', print_exception=False)
		path = Path(file)
		with shown_as_message():
			return service.import_styles(path.read_bytes(), filename=path.name, on_clash=policy).summary()

	def export_styles(file_format: str = 'csv', include_builtins: bool = False) -> str:
		"""Export your styles as a file that A1111 (styles.csv) or Fooocus (JSON) reads, and that imports back here.

		Args:
			file_format: "csv" for A1111 styles.csv, "json" for Fooocus style JSON.
			include_builtins: also export the built-in styles.
		Returns:
			The exported file.
		"""
		style_format = FORMAT_NAMED.get(file_format)
		if style_format is None:
			raise gr.Error(f'file_format must be "csv" or "json", not {file_format!r}.', print_exception=False)
		with shown_as_message():
			data = service.export_styles(style_format, include_builtins=include_builtins)
		Path(get_upload_folder()).mkdir(parents=True, exist_ok=True)
		folder = Path(tempfile.mkdtemp(prefix='styles-export-', dir=get_upload_folder()))
		target = folder / EXPORT_NAMES[style_format]
		target.write_bytes(data)
		return str(target)

	filters = [c.search, c.category_filter]
	c.import_button.click(
		import_styles, inputs=[c.upload, c.on_clash], outputs=c.import_status, api_name='import_styles'
	).success(refresh, inputs=filters, outputs=refreshed, api_visibility='private', queue=False)
	c.export_button.click(
		export_styles, inputs=[c.export_format, c.include_builtins], outputs=c.export_file, api_name='export_styles'
	)
	for event in (page.load, tab.select, previews_run.then):
		event(refresh, inputs=filters, outputs=refreshed, api_visibility='private', queue=False)
	return c
