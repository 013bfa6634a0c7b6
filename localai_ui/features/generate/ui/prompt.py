"""The prompt section: prompt and negative prompt with A1111's token counters in their corner, and the styles."""

from dataclasses import dataclass

import gradio as gr

from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.ui_common.any_trigger import on_any_latest
from localai_ui.features.ui_common.card_gallery import card_gallery

STYLE_CARD_COLUMNS = 5
STYLE_CARDS_HEIGHT = 280


@dataclass(frozen=True)
class PromptSection:
	prompt: gr.Textbox
	negative_prompt: gr.Textbox
	prompt_tokens: gr.HTML
	negative_tokens: gr.HTML
	styles: gr.Dropdown
	style_cards: gr.Gallery


def _box(label: str, elem_id: str, lines: int, placeholder: str, value: str = '') -> tuple[gr.Textbox, gr.HTML]:
	"""A prompt box with its token counter laid over its top-right corner (no gap under the box)."""
	with gr.Column(elem_classes=['lai-prompt-box'], min_width=240):
		box = gr.Textbox(value, label=label, lines=lines, max_lines=12, placeholder=placeholder, elem_id=elem_id)
		counter = gr.HTML('', elem_id=f'{elem_id}-tokens', elem_classes=['lai-token-count'], container=False)
	return box, counter


def build_prompt_section(negative_prompt: str = '') -> PromptSection:
	"""Create the prompt boxes (the negative one holding the stored default) and the styles picker."""
	prompt, prompt_tokens = _box('Prompt', 'prompt', 3, 'What to draw. Ctrl+Enter generates.')
	negative, negative_tokens = _box(
		'Negative prompt', 'negative-prompt', 2, 'What to keep out of the image.', negative_prompt
	)
	styles = gr.Dropdown(
		[],
		value=[],
		multiselect=True,
		allow_custom_value=True,  # the API may name any style; the run refuses unknown ones by name
		label='Styles',
		info='Applied in the order chosen; the Styles tab shows and edits them.',
		elem_id='styles',
	)
	with gr.Accordion('Style cards', open=False, elem_id='style-cards-section'):
		cards = card_gallery('Styles', 'style-cards', columns=STYLE_CARD_COLUMNS, height=STYLE_CARDS_HEIGHT)
	return PromptSection(prompt, negative, prompt_tokens, negative_tokens, styles, cards)


def wire_token_counters(section: PromptSection, model: gr.Dropdown, tools: PromptTools) -> None:
	"""Counters follow their box and the chosen model; they update quietly (no progress overlay)."""

	def labels(prompt_text: str | None, negative_text: str | None, model_name: str | None) -> tuple[str, str]:
		return tools.token_label(prompt_text or '', model_name), tools.token_label(negative_text or '', model_name)

	# One listener for the three triggers: while a count waits (for the engine, on a fresh start), only the newest
	# text is counted next, so an older count never lands over a newer one.
	on_any_latest(
		[section.prompt.change, section.negative_prompt.change, model.change],
		labels,
		[section.prompt, section.negative_prompt, model],
		[section.prompt_tokens, section.negative_tokens],
	)
