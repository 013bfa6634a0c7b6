"""Send to Generate: settings onto the Generate tab's controls, then switch to that tab."""

from collections.abc import Callable

import gradio as gr
from gradio.components import Component

from localai_ui.features.generate.ui import GenerateTab
from localai_ui.schemas.png_info import GenerationSettings

GENERATE_TAB_ID = 'generate'
FIELDS = (
	'prompt',
	'negative_prompt',
	'model',
	'sampler',
	'schedule',
	'steps',
	'cfg_scale',
	'width',
	'height',
	'seed',
	'batch_count',
	'batch_size',
	'clip_skip',
)


def send_outputs(generate: GenerateTab, tabs: gr.Tabs) -> list[Component | gr.Tabs]:
	controls: list[Component] = [getattr(generate.controls, name) for name in FIELDS]
	return [*controls, generate.controls.styles, tabs]


def send_values(settings: GenerationSettings | None) -> list[object]:
	"""One value per send_outputs entry; a setting the source did not give leaves its control as it is."""
	if settings is None:
		raise gr.Error('Nothing to send: choose an image with generation settings first.', print_exception=False)
	values: list[object] = [value if (value := getattr(settings, name)) is not None else gr.update() for name in FIELDS]
	styles = list(settings.styles) if settings.styles is not None else gr.update()
	return [*values, styles, gr.Tabs(selected=GENERATE_TAB_ID)]


def wire_send(
	button: gr.Button,
	source: gr.State,
	settings_of: Callable[[object], GenerationSettings | None],
	generate: GenerateTab,
	tabs: gr.Tabs,
) -> None:
	def send(value: object) -> list[object]:
		return send_values(settings_of(value))

	button.click(send, source, send_outputs(generate, tabs), api_visibility='private')
