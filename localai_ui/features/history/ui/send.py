"""Send to Generate: settings onto the Generate tab's controls (one per public field), the mode the run used and the
picture it started from while that file is still there; Send to image to image starts from the chosen image."""

from collections.abc import Callable
from pathlib import Path
from typing import cast

import gradio as gr
from gradio.blocks import Block

from localai_ui.features.ui_common.handles import GenerateHandle, go_to_generate
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES, IMAGE_FIELD_NAMES
from localai_ui.schemas.png_info import GenerationSettings

SENT_FIELDS = (*GENERATE_FIELD_NAMES, *IMAGE_FIELD_NAMES)
Pictures = Callable[[str], Path | None]
GONE = 'The picture this run started from is no longer in the data folder: add it again in Image to image.'


def send_outputs(generate: GenerateHandle, tabs: gr.Tabs) -> list[Block]:
	return [
		*(generate.fields[name] for name in SENT_FIELDS),
		tabs,
		generate.init_image,
		generate.mask_image,
		*generate.modes.outputs,
	]


def _pictures(settings: GenerationSettings, pictures: Pictures, start_from: Path | None) -> tuple[str, list[object]]:
	"""The mode to show and the values of the init image and mask controls."""
	if start_from is not None:
		return 'img2img', [str(start_from), None]
	if settings.mode not in ('img2img', 'inpaint'):
		return 'txt2img', [gr.update(), gr.update()]
	init = pictures(settings.init_image) if settings.init_image else None
	if init is None:
		gr.Warning(GONE)
		return 'img2img', [gr.update(), gr.update()]
	mask = pictures(settings.mask_image) if settings.mask_image else None
	return 'img2img', [str(init), str(mask) if mask else None]  # an inpaint run comes back with its mask uploaded


def send_values(
	settings: GenerationSettings | None,
	generate: GenerateHandle | None = None,
	start_from: Path | None = None,
) -> list[object]:
	"""One value per send_outputs entry; a setting the source did not give leaves its control as it is."""
	if settings is None:
		raise gr.Error('Nothing to send: choose an image with generation settings first.', print_exception=False)
	values: list[object] = []
	for name in SENT_FIELDS:
		value: object = getattr(settings, name, None)
		if isinstance(value, tuple):
			value = [str(item) for item in cast(tuple[object, ...], value)]
		values.append(gr.update() if value is None else value)
	if generate is None:
		return [*values, go_to_generate()]
	mode, pictures = _pictures(settings, generate.stored_picture, start_from)
	masked = settings.mode == 'inpaint' and start_from is None
	return [*values, go_to_generate(), *pictures, *generate.modes.view(mode, masked)]


def wire_send(
	button: gr.Button,
	source: gr.State,
	settings_of: Callable[[object], GenerationSettings | None],
	generate: GenerateHandle,
	tabs: gr.Tabs,
	start_from: Callable[[object], Path | None] | None = None,
) -> None:
	"""Send the settings of `source`; with `start_from`, that image becomes the init image of image to image."""

	def send(value: object) -> list[object]:
		picture = start_from(value) if start_from else None
		if start_from and picture is None:
			raise gr.Error('Select an image first.', print_exception=False)
		return send_values(settings_of(value), generate, picture)

	button.click(send, source, send_outputs(generate, tabs), api_visibility='private')
