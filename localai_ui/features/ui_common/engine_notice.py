"""The line at the top of the page while the engine starts (the page is served first): it says torch and diffusers
are loading and that a run started now waits for them, and goes away once they are ready; if the engine cannot start,
it says why."""

from collections.abc import Iterator
from typing import TypeVar

import gradio as gr

from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.late import Late
from localai_ui.schemas.progress import WARMING_TEXT

T = TypeVar('T')
PRIVATE = 'private'


def engine_note(engine: Late[T]) -> str:
	"""What the page says of the engine now: warming up, failed (why), or nothing once it is ready."""
	if engine.failure is not None:
		return f'**The engine could not start:** {plain(engine.failure)}'
	return '' if engine.ready else f'**{WARMING_TEXT}.**'


def build_engine_notice(page: gr.Blocks, engine: Late[T]) -> gr.Markdown:
	"""Shown on page load while the engine starts, updated once it is up (or has failed)."""
	notice = gr.Markdown(engine_note(engine), elem_id='engine-notice')

	def follow() -> Iterator[str]:
		yield engine_note(engine)
		engine.wait()
		yield engine_note(engine)

	page.load(follow, None, notice, api_visibility=PRIVATE, concurrency_limit=None, show_progress='hidden')
	return notice
