"""What every tab's UI shares: a typed `gr.api`, and our errors shown to the user as plain messages."""

from collections.abc import Callable, Generator
from contextlib import contextmanager
from typing import Literal, Protocol, cast

import gradio as gr
from gradio import events
from gradio.events import Dependency

from localai_ui.schemas.errors import LocalAIError


class AddEndpoint(Protocol):
	"""gr.api with its real shape: gradio types `fn` as a bare Callable, which strict pyright reads as partly unknown."""

	def __call__(
		self,
		fn: Callable[..., object],
		*,
		api_name: str,
		concurrency_limit: int | None | Literal['default'] = 'default',
	) -> Dependency: ...


add_endpoint = cast(AddEndpoint, vars(events)['api'])


@contextmanager
def shown_as_message() -> Generator[None]:
	"""A LocalAIError reaches the page and the API caller as its message, without a traceback in the log."""
	try:
		yield
	except LocalAIError as error:
		raise gr.Error(str(error), print_exception=False) from error
