"""Device work that is not a generation (an upscale) taken in the same first-come line as generations, so it never
runs beside one: it waits its turn, says its place while it waits, and frees the device however it ends."""

from collections.abc import Callable, Generator
from datetime import UTC, datetime
from typing import TypeVar

from localai_ui.cores.pipeline.gpu_queue import GpuQueue, Ticket
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.progress import Started, Waiting

T = TypeVar('T')


def run_in_turn(
	queue: GpuQueue, task: Callable[[], T], cancel: CancelToken, place: Callable[[Ticket], Waiting]
) -> Generator[Waiting | Started, None, T | None]:
	"""Yield a Waiting note whenever the place in line changes and Started once the device is held, then return what
	`task` gives; None when cancelled (or closed) before its turn came. The device is released in every case."""
	ticket = queue.take(0)
	ahead: int | None = None
	try:
		while (turn := queue.wait_turn(ticket, cancel)) is None:
			waiting = place(ticket)
			if waiting.ahead != ahead:
				ahead = waiting.ahead
				yield waiting
		if not turn:
			return None
		yield Started(datetime.now(UTC))
		return task()
	finally:
		queue.release(ticket)
