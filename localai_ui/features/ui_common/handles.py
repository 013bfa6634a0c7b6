"""The small typed handles app.py wires tabs together with; no tab imports another, each takes these instead."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from gradio.blocks import Block
from gradio.components import Component

GENERATE_TAB_ID = 'generate'


@dataclass(frozen=True)
class ModeSwitch:
	"""Shows one Generate mode ('txt2img', 'img2img', 'inpaint'): `view(mode, masked)` is the list of updates for
	`outputs` (the mode tabs, the run buttons, the image settings; `masked` opens the inpainting choices)."""

	outputs: Sequence[Block]
	view: Callable[[str, bool], list[object]]


@dataclass(frozen=True)
class GenerateHandle:
	"""What other tabs may touch on the Generate tab: one component per public field by name, the pictures an image
	run starts from, and the mode switch."""

	fields: Mapping[str, Component]
	prompt: gr.Textbox
	negative_prompt: gr.Textbox
	model: gr.Dropdown
	styles: gr.Dropdown
	init_image: gr.Image
	mask_image: gr.Image
	modes: ModeSwitch
	stored_picture: Callable[[str], Path | None]
	"""The file of a picture a run started from ('inputs/…' in its request) while it is still there."""
	result: gr.Image
	send_upscale: gr.Button
	"""The result pane's picture and its "Send to Upscale" button (app.py wires it to the Upscale tab)."""
	style_cards: gr.Gallery
	"""The cards under the style picker; the Styles tab fills them and a click adds or removes that style."""


@dataclass(frozen=True)
class SelectedImage:
	"""History's selected image: its id (None when nothing is selected) and the file it is."""

	image_id: gr.State
	path_of: Callable[[int], Path]


ImageAction = Callable[[SelectedImage], None]
"""A section another tab adds under History's selected image (the LoRAs tab's "Use as LoRA preview")."""


def go_to_generate() -> gr.Tabs:
	"""The update that switches the main tabs to Generate."""
	return gr.Tabs(selected=GENERATE_TAB_ID)


UPSCALE_TAB_ID = 'upscale'


@dataclass(frozen=True)
class UpscaleHandle:
	"""The Upscale tab's picture to upscale and the tab's id: "Send to Upscale" sets the picture, then selects the tab."""

	image: gr.Image
	tab_id: str = UPSCALE_TAB_ID


def go_to_upscale() -> gr.Tabs:
	"""The update that switches the main tabs to Upscale."""
	return gr.Tabs(selected=UPSCALE_TAB_ID)
