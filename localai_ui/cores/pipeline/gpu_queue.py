"""First come, first served access to the device, with each waiter's place in line and an estimate of its wait.

The app queues runs itself rather than leaving it to Gradio's queue: a waiting run can then say "Waiting: 1 run
ahead, about 40 s" in its own progress line, and Stop ends a waiting run as cleanly as a running one.
"""

import itertools
import threading
from collections import deque
from dataclasses import dataclass

from localai_ui.schemas.cancel import CancelToken

POLL_S = 0.25


@dataclass
class Ticket:
	"""One caller's place in line; `work` is its model steps, `done` how many have run once it holds the device."""

	number: int
	work: int
	done: int = 0


@dataclass(frozen=True)
class QueuePlace:
	"""How many runs are ahead of a ticket (the running one included) and how many model steps they still need."""

	ahead: int
	steps_ahead: int


class GpuQueue:
	"""Tickets are served in the order they were taken; at most one holds the device."""

	def __init__(self) -> None:
		self._condition = threading.Condition()
		self._line: deque[Ticket] = deque()
		self._holder: Ticket | None = None
		self._numbers = itertools.count(1)

	def take(self, work: int) -> Ticket:
		"""Get in line for `work` model steps (0 when unknown, e.g. a model load)."""
		with self._condition:
			ticket = Ticket(next(self._numbers), max(0, work))
			self._line.append(ticket)
			return ticket

	def place(self, ticket: Ticket) -> QueuePlace:
		with self._condition:
			return self._place(ticket)

	def wait_turn(self, ticket: Ticket, cancel: CancelToken, timeout_s: float = POLL_S) -> bool | None:
		"""Wait up to `timeout_s` for the device: True once held, None when still waiting, False when cancelled.

		A cancelled ticket leaves the line at once, so the ones behind it move up.
		"""
		with self._condition:
			if cancel.cancelled:
				self._leave(ticket)
				return False
			if self._ready(ticket):
				return self._hold(ticket)
			self._condition.wait(timeout_s)
			if self._ready(ticket):
				return self._hold(ticket)
			if cancel.cancelled:
				self._leave(ticket)
				return False
			return None

	def release(self, ticket: Ticket) -> None:
		"""Give the device back (or leave the line); safe to call twice."""
		with self._condition:
			if self._holder is ticket:
				self._holder = None
			self._leave(ticket)

	@property
	def busy(self) -> bool:
		with self._condition:
			return self._holder is not None

	@property
	def waiting(self) -> int:
		with self._condition:
			return len(self._line)

	def _ready(self, ticket: Ticket) -> bool:
		return self._holder is None and bool(self._line) and self._line[0] is ticket

	def _hold(self, ticket: Ticket) -> bool:
		self._line.popleft()
		self._holder = ticket
		return True

	def _leave(self, ticket: Ticket) -> None:
		if ticket in self._line:
			self._line.remove(ticket)
		self._condition.notify_all()

	def _place(self, ticket: Ticket) -> QueuePlace:
		ahead = list(itertools.takewhile(lambda other: other is not ticket, self._line))
		running = self._holder
		steps = sum(other.work for other in ahead)
		if running is not None:
			steps += max(0, running.work - running.done)
		return QueuePlace(len(ahead) + (running is not None), steps)
