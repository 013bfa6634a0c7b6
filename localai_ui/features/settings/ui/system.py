"""The System section: the device in use, GPUs, driver, CUDA and cuDNN, versions, RAM, free disk, what suits it."""

import gradio as gr

from localai_ui.features.settings.system_report import SystemReport
from localai_ui.features.settings.system_view import system_markdown
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.errors import LocalAIError

PRIVATE = 'private'


def build_system_section(page: gr.Blocks, report: SystemReport) -> None:
	"""Filled on page load and on Refresh (free memory and disk change while the app runs)."""
	with gr.Accordion('System', open=True, elem_id='settings-system'):
		facts = gr.Markdown(elem_id='settings-system-facts')
		with gr.Row():
			refresh = gr.Button('Refresh', size='sm', scale=0, min_width=120, elem_id='settings-system-refresh')

	def show() -> str:
		try:
			return system_markdown(report)
		except LocalAIError as error:  # the engine could not start: say why instead of the facts
			return f'**{plain(str(error))}**'

	page.load(show, None, facts, api_visibility=PRIVATE, queue=False)
	refresh.click(show, None, facts, api_visibility=PRIVATE, queue=False)
