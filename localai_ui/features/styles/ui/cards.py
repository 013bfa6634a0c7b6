"""The style cards: the Styles tab's grid (a click opens the style in the editor), Generate's grid under its style
picker (a click adds or removes that style), and previews made on request with Generate's current settings."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import gradio as gr
from gradio.components import Component
from gradio.events import Dependency
from pydantic import ValidationError

from localai_ui.features.styles.cards import style_cards
from localai_ui.features.styles.preview_runs import RequestRunner, render_previews
from localai_ui.features.styles.service import StylesService
from localai_ui.features.ui_common.card_gallery import card_gallery
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.features.ui_common.handles import GenerateHandle
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.styles import StyleRecord

PRIVATE = 'private'
CARD_COLUMNS = 8
CARDS_HEIGHT = 300
RUN_FIELDS = ('model', 'sampler', 'schedule', 'steps', 'cfg_scale', 'width', 'height')
PREVIEW_INFO = "One run each with Generate's model, sampler, steps and size; the result becomes the style's card."


@dataclass(frozen=True)
class StyleCards:
	gallery: gr.Gallery
	names: gr.State
	generate_names: gr.State
	choice: gr.Dropdown
	render: gr.Button
	status: gr.Markdown


def build_cards() -> StyleCards:
	"""The cards and the on-request previews, inside the current Blocks context."""
	with gr.Accordion('Cards', open=True, elem_id='styles-cards-section'):
		gallery = card_gallery('Styles', 'styles-cards', columns=CARD_COLUMNS, height=CARDS_HEIGHT)
		with gr.Row():
			choice = gr.Dropdown(
				[], value=[], multiselect=True, label='Styles to preview', info=PREVIEW_INFO, scale=4,
				elem_id='styles-preview-choice',
			)  # fmt: skip
			render = gr.Button(
				'Generate previews', scale=0, min_width=180, size='md', elem_id='styles-preview-generate'
			)
		status = gr.Markdown(elem_id='styles-preview-status')
	return StyleCards(gallery, gr.State([]), gr.State([]), choice, render, status)


def card_outputs(cards: StyleCards, generate: GenerateHandle) -> list[Component]:
	return [cards.gallery, cards.names, generate.style_cards, cards.generate_names, cards.choice]


def card_values(service: StylesService, shown: list[StyleRecord]) -> tuple[object, ...]:
	"""The tab's cards for the styles shown, Generate's cards for every style, and the names each lists."""
	everything = service.list_styles()
	files, tile = service.previews.files(), service.previews.plain_tile()
	names = [style.name for style in everything]
	listed = [style.name for style in shown]
	return (
		style_cards(shown, files, tile),
		listed,
		style_cards(everything, files, tile),
		names,
		gr.update(choices=names),
	)


def picked_name(names: list[str], event: gr.SelectData) -> str | None:
	index = event.index
	return names[index] if isinstance(index, int) and 0 <= index < len(names) else None


def wire_cards(
	cards: StyleCards,
	service: StylesService,
	generate: GenerateHandle,
	runner: RequestRunner,
	open_style: Callable[[str | None], tuple[object, ...]],
	editor_outputs: list[Component],
) -> Dependency:
	"""A tab card opens its style, a Generate card toggles its style; returns the previews' run event."""

	def opened(names: list[str], event: gr.SelectData) -> tuple[object, ...]:
		return open_style(picked_name(names, event))

	def toggled(names: list[str], chosen: list[str] | None, event: gr.SelectData) -> list[str]:
		name = picked_name(names, event)
		current = list(chosen or [])
		if name is None:
			return current
		return [item for item in current if item != name] if name in current else [*current, name]

	def render(names: list[str] | None, *values: object) -> Iterator[str]:
		if not names:
			raise gr.Error('Choose the styles to make previews of.', print_exception=False)
		try:
			settings = dict(zip(RUN_FIELDS, values, strict=True))
			base = GenerationRequest.model_validate({**settings, 'model': settings['model'] or None})
		except ValidationError as error:
			raise gr.Error(f"Generate's settings cannot run: {error}", print_exception=False) from error
		cancel = CancelToken()
		try:
			with shown_as_message():
				yield from render_previews(service, runner, names, base, cancel)
		finally:
			cancel.cancel()

	cards.gallery.select(opened, cards.names, editor_outputs, api_visibility=PRIVATE, queue=False)
	generate.style_cards.select(
		toggled, [cards.generate_names, generate.styles], generate.styles, api_visibility=PRIVATE, queue=False
	)
	inputs = [cards.choice, *(generate.fields[name] for name in RUN_FIELDS)]
	return cards.render.click(
		render, inputs, cards.status, api_visibility=PRIVATE, concurrency_limit=1, concurrency_id='style-previews'
	)
