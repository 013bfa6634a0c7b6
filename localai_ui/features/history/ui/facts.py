"""What History's details and PNG Info share: the prompts in plain-text boxes, the settings as an escaped table."""

import gradio as gr

from localai_ui.features.history.fact_table import FACTS_CSS, facts_html

PICK_AN_IMAGE = 'Click an image to see how it was made.'


def _text_box(label: str, elem_id: str) -> gr.Textbox:
	return gr.Textbox(label=label, interactive=False, lines=1, max_lines=8, buttons=['copy'], elem_id=elem_id)


def prompt_boxes(prefix: str) -> tuple[gr.Textbox, gr.Textbox]:
	"""Read-only prompt and negative prompt boxes (#<prefix>-prompt, #<prefix>-negative): text shows as written."""
	return _text_box('Prompt', f'{prefix}-prompt'), _text_box('Negative prompt', f'{prefix}-negative')


def facts_panel(elem_id: str, message: str = '') -> gr.HTML:
	"""The settings table; every value is HTML-escaped by facts_html before it gets here."""
	return gr.HTML(facts_html((), message), css_template=FACTS_CSS, js_on_load=None, elem_id=elem_id)
