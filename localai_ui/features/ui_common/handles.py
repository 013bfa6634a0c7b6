"""The small typed handles app.py wires tabs together with; no tab imports another, each takes these instead."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import gradio as gr
from gradio.components import Component

GENERATE_TAB_ID = 'generate'


@dataclass(frozen=True)
class GenerateHandle:
	"""What other tabs may touch on the Generate tab: one component per public `/generate` field, by name."""

	fields: Mapping[str, Component]
	prompt: gr.Textbox
	negative_prompt: gr.Textbox
	model: gr.Dropdown
	styles: gr.Dropdown


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
