"""`gr.on` without triggers runs once as the page loads; typed here, since gradio's own hints leave part unknown."""

from collections.abc import Callable, Sequence
from typing import Literal, Protocol, cast

from gradio import events
from gradio.components import Component
from gradio.events import Dependency


class OnPageLoad(Protocol):
	"""The part of gr.on's signature used here: no triggers (the page load), no inputs."""

	def __call__(
		self,
		triggers: None,
		fn: Callable[[], object],
		inputs: None,
		outputs: Sequence[Component],
		*,
		api_visibility: Literal['private'],
		show_progress: Literal['hidden'],
		queue: bool,
	) -> Dependency: ...


_on = cast(OnPageLoad, vars(events)['on'])


def on_page_load(fn: Callable[[], object], outputs: Sequence[Component]) -> None:
	"""Run `fn` when a page opens (History has no handle on the page's Blocks), filling `outputs` without queueing."""
	_on(None, fn, None, outputs, api_visibility='private', show_progress='hidden', queue=False)
