"""History's "Use as ... preview" sections: the image selected there becomes a library entry's card picture.

A tab hands app.py a PreviewTarget (what it is called, its names, how to set a picture); History lays the section out.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from localai_ui.features.ui_common.handles import ImageAction, SelectedImage
from localai_ui.features.ui_common.shelf_view import warned
from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.errors import LocalAIError

PRIVATE = 'private'


@dataclass(frozen=True)
class PreviewTarget:
	"""`noun` ('LoRA', 'style') names the entries, `key` ('lora', 'style') goes in the elem ids, `tab` shows them."""

	noun: str
	key: str
	tab: str
	names: Callable[[], list[str]]
	set_preview: Callable[[str, Path], object]


def preview_action(target: PreviewTarget) -> ImageAction:
	"""A section History lays out under its selected image (neither tab imports the other)."""
	title = f'Use as {target.noun} preview'

	def build(selected: SelectedImage) -> None:
		with gr.Accordion(title, open=False):
			with gr.Row():
				name = gr.Dropdown([], value=None, label=target.noun, elem_id=f'history-{target.key}-name')
				use = gr.Button(title, elem_id=f'history-{target.key}-preview', scale=0)
			note = gr.Markdown(elem_id=f'history-{target.key}-note')

		def names() -> dict[str, object]:
			return gr.update(choices=target.names())

		def use_image(image_id: int | None, chosen: str | None) -> str:
			"""A refusal is a toast and a line here; the image and the list stay as they were."""
			if image_id is None or not chosen:
				return warned(f'Select an image and choose a {target.noun} first.')
			try:
				target.set_preview(chosen, selected.path_of(image_id))
			except LocalAIError as error:
				return warned(str(error))
			return f'**{plain(chosen)}** shows this image in the {target.tab} tab now.'

		name.focus(names, None, name, api_visibility=PRIVATE, queue=False)
		use.click(use_image, [selected.image_id, name], note, api_visibility=PRIVATE)

	return build
