"""The background compiler: tasks in the order given, each through the device line, and no thread left when idle."""

import threading
import time
from collections.abc import Callable

from localai_ui.cores.fast.background import BackgroundCompiler

THREAD = 'localai-fast-compile'


def compile_threads() -> list[threading.Thread]:
	return [thread for thread in threading.enumerate() if thread.name == THREAD]


def test_tasks_run_in_order_in_their_turn_and_a_failure_does_not_stop_the_line() -> None:
	done: list[str] = []
	turns: list[int] = []

	def in_turn(task: Callable[[], None]) -> None:
		turns.append(len(done))
		task()

	def failing() -> None:
		raise RuntimeError('compile failed')

	compiler = BackgroundCompiler(in_turn)
	compiler.submit(lambda: done.append('first'))
	compiler.submit(failing)
	compiler.submit(lambda: done.append('third'))
	assert compiler.wait_idle(10)
	assert done == ['first', 'third'] and turns == [0, 1, 1]
	deadline = time.monotonic() + 5
	while compile_threads() and time.monotonic() < deadline:
		time.sleep(0.01)
	assert compile_threads() == []  # its CUDA graph pools (on a GPU) went with it
	compiler.submit(lambda: done.append('later'))
	assert compiler.wait_idle(10) and done[-1] == 'later'
