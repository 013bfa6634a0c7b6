"""`gr.on`, typed once here (gradio's own hints leave part of it unknown): several triggers as one listener, or none
(the page load)."""

from collections.abc import Callable, Sequence
from typing import Literal, Protocol, cast

from gradio import events
from gradio.components import Component
from gradio.events import Dependency


class On(Protocol):
	"""The part of gr.on's signature the app uses."""

	def __call__(
		self,
		triggers: Sequence[object] | None,
		fn: Callable[..., object],
		inputs: Sequence[Component] | None,
		outputs: Sequence[Component],
		*,
		api_visibility: Literal['private'],
		show_progress: Literal['hidden'],
		queue: bool = True,
		trigger_mode: Literal['always_last'] | None = None,
	) -> Dependency: ...


_on = cast(On, vars(events)['on'])


def on_any_latest(
	triggers: Sequence[object], fn: Callable[..., object], inputs: Sequence[Component], outputs: Sequence[Component]
) -> Dependency:
	"""One quiet listener for every trigger: while a call runs, only the newest trigger runs next."""
	return _on(
		triggers, fn, inputs, outputs, api_visibility='private', show_progress='hidden', trigger_mode='always_last'
	)


def on_page_load(fn: Callable[[], object], outputs: Sequence[Component]) -> None:
	"""Run `fn` when a page opens (for a tab with no handle on the page's Blocks), filling `outputs` without queueing."""
	_on(None, fn, None, outputs, api_visibility='private', show_progress='hidden', queue=False)
