"""Send to Generate: settings onto the Generate tab's controls (one per public field), then switch to that tab."""

from collections.abc import Callable
from typing import cast

import gradio as gr
from gradio.components import Component

from localai_ui.features.ui_common.handles import GenerateHandle, go_to_generate
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES
from localai_ui.schemas.png_info import GenerationSettings


def send_outputs(generate: GenerateHandle, tabs: gr.Tabs) -> list[Component | gr.Tabs]:
	return [*(generate.fields[name] for name in GENERATE_FIELD_NAMES), tabs]


def send_values(settings: GenerationSettings | None) -> list[object]:
	"""One value per send_outputs entry; a setting the source did not give leaves its control as it is."""
	if settings is None:
		raise gr.Error('Nothing to send: choose an image with generation settings first.', print_exception=False)
	values: list[object] = []
	for name in GENERATE_FIELD_NAMES:
		value: object = getattr(settings, name, None)
		if isinstance(value, tuple):
			value = [str(item) for item in cast(tuple[object, ...], value)]
		values.append(gr.update() if value is None else value)
	return [*values, go_to_generate()]


def wire_send(
	button: gr.Button,
	source: gr.State,
	settings_of: Callable[[object], GenerationSettings | None],
	generate: GenerateHandle,
	tabs: gr.Tabs,
) -> None:
	def send(value: object) -> list[object]:
		return send_values(settings_of(value))

	button.click(send, source, send_outputs(generate, tabs), api_visibility='private')
