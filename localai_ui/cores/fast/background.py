"""Compiles buckets one after another, each in its own turn on the device, so a compile never runs beside a
generation and a run never waits for a compile it did not queue behind.

The thread lives only while there is work: CUDA graph trees keep a memory pool per thread (torch 2.x), so a thread
that ends gives back what its warm-up call allocated.
"""

import logging
import threading
from collections import deque
from collections.abc import Callable

Task = Callable[[], None]
RunInTurn = Callable[[Task], None]
logger = logging.getLogger(__name__)


class BackgroundCompiler:
	"""`submit` hands in a task; `wait_idle` tells when every task handed in so far has finished."""

	def __init__(self, run_in_turn: RunInTurn) -> None:
		self._run_in_turn = run_in_turn
		self._tasks: deque[Task] = deque()
		self._state = threading.Condition()
		self._pending = 0
		self._running = False

	def submit(self, task: Task) -> None:
		with self._state:
			self._tasks.append(task)
			self._pending += 1
			if not self._running:
				self._running = True
				threading.Thread(target=self._serve, name='localai-fast-compile', daemon=True).start()

	def wait_idle(self, timeout_s: float) -> bool:
		with self._state:
			return self._state.wait_for(lambda: self._pending == 0, timeout_s)

	def _serve(self) -> None:
		while True:
			with self._state:
				if not self._tasks:
					self._running = False
					return
				task = self._tasks.popleft()
			try:
				self._run_in_turn(task)
			except Exception:  # a task reports its own failures; this only keeps the line moving
				logger.exception('fast mode: a background compile failed')
			finally:
				with self._state:
					self._pending -= 1
					self._state.notify_all()
