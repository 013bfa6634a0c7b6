"""A library tab as its actions see it (the Models table, the LoRA cards), and one rule for every action on it:
a refusal is a toast and a line in the message box; the table, list and details stay as they were."""

from collections.abc import Callable
from typing import Protocol

import gradio as gr
from gradio.components import Component

from localai_ui.features.ui_common.text import plain
from localai_ui.schemas.errors import LocalAIError

Redrawn = tuple[object, ...]
Done = Callable[[str], str]


class ShelfView(Protocol):
	"""`show(message, name, *filters)` gives one value per output: the entries, `name` chosen, `message` shown."""

	@property
	def outputs(self) -> list[Component]: ...

	@property
	def selected(self) -> gr.Dropdown: ...

	@property
	def filters(self) -> list[Component]:
		"""What `show` reads besides the message and the name (the LoRAs' search box); passed as `*filters`."""
		...

	def show(self, message: str, name: str | None, *filters: str) -> Redrawn: ...


def warned(reason: str) -> str:
	"""Show `reason` as a toast (queued events only) and return the message box's line for it."""
	gr.Warning(reason)
	return f'**Not done:** {plain(reason)}'


def refused(view: ShelfView, error: LocalAIError, name: str | None, *filters: str) -> Redrawn:
	"""The reason as a toast and in the message box, with everything else shown as before."""
	return view.show(warned(str(error)), name, *filters)


def acted(view: ShelfView, do: Callable[[], str | None], done: str | Done, name: str | None, *filters: str) -> Redrawn:
	"""Run one action; `do` returns the entry to choose afterwards (None: keep `name`), `done` says what happened."""
	try:
		chosen = do()
	except LocalAIError as error:
		return refused(view, error, name, *filters)
	message = done if isinstance(done, str) else done(chosen or '')
	return view.show(message, chosen or name, *filters)
