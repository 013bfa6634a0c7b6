"""`gr.on` with several triggers as one listener, typed here (gradio's own hints leave part of it unknown)."""

from collections.abc import Callable, Sequence
from typing import Literal, Protocol, cast

from gradio import events
from gradio.components import Component
from gradio.events import Dependency


class OnAny(Protocol):
	"""The part of gr.on's signature used here: several triggers, one function, its latest call wins."""

	def __call__(
		self,
		triggers: Sequence[object],
		fn: Callable[..., object],
		inputs: Sequence[Component],
		outputs: Sequence[Component],
		*,
		api_visibility: Literal['private'],
		trigger_mode: Literal['always_last'],
		show_progress: Literal['hidden'],
	) -> Dependency: ...


_on = cast(OnAny, vars(events)['on'])


def on_any_latest(
	triggers: Sequence[object], fn: Callable[..., object], inputs: Sequence[Component], outputs: Sequence[Component]
) -> Dependency:
	"""One quiet listener for every trigger: while a call runs, only the newest trigger runs next."""
	return _on(
		triggers,
		fn,
		inputs,
		outputs,
		api_visibility='private',
		trigger_mode='always_last',
		show_progress='hidden',
	)
