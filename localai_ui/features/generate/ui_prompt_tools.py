"""Under the prompt boxes: A1111-style token counters and an embeddings picker that inserts a name."""

from dataclasses import dataclass

import gradio as gr

from localai_ui.features.generate.prompt_tools import PromptTools


@dataclass(frozen=True)
class PromptHelpers:
	prompt_tokens: gr.HTML
	negative_tokens: gr.HTML
	embedding: gr.Dropdown
	embedding_notes: gr.Markdown


def token_counter(elem_id: str) -> gr.HTML:
	return gr.HTML('', elem_id=elem_id, elem_classes=['lai-token-count'], container=False, padding=False)


def embedding_picker(names: list[str]) -> tuple[gr.Dropdown, gr.Markdown]:
	picker = gr.Dropdown(
		names,
		value=None,
		label='Insert embedding',
		info='Textual inversions from the embeddings folder; use them by name in either prompt.',
		elem_id='embedding-picker',
	)
	return picker, gr.Markdown('', elem_id='embedding-notes')


def append_word(text: str | None, word: str | None) -> str:
	"""The prompt with `word` added after a comma, as A1111's extra-network cards do."""
	current = (text or '').rstrip()
	if not word:
		return current
	return f'{current}, {word}' if current else word


def wire_prompt_helpers(
	helpers: PromptHelpers,
	tools: PromptTools,
	prompt: gr.Textbox,
	negative: gr.Textbox,
	model: gr.Dropdown,
	refresh: gr.Button,
) -> None:
	"""Counters follow their box and the chosen model; picking an embedding appends it to the prompt."""

	def labels(prompt_text: str | None, negative_text: str | None, model_name: str | None) -> tuple[str, str]:
		return tools.token_label(prompt_text or '', model_name), tools.token_label(negative_text or '', model_name)

	def insert(text: str | None, name: str | None) -> tuple[str, None]:
		return append_word(text, name), None

	def refresh_embeddings() -> tuple[dict[str, object], str]:
		return gr.update(choices=tools.embedding_names(), value=None), tools.embedding_notes()

	counted = [prompt, negative, model]
	outputs = [helpers.prompt_tokens, helpers.negative_tokens]
	for source in (prompt.change, negative.change, model.change):
		source(
			labels,
			inputs=counted,
			outputs=outputs,
			api_visibility='private',
			trigger_mode='always_last',
			show_progress='hidden',
		)
	helpers.embedding.select(
		insert, inputs=[prompt, helpers.embedding], outputs=[prompt, helpers.embedding], api_visibility='private'
	)
	refresh.click(refresh_embeddings, outputs=[helpers.embedding, helpers.embedding_notes], api_visibility='private')
