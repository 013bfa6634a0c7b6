"""The device queue: first come first served, each waiter knows its place and the steps ahead, Stop leaves the line."""

import threading

from localai_ui.cores.pipeline.gpu_queue import GpuQueue, QueuePlace
from localai_ui.schemas.cancel import CancelToken


def test_tickets_are_served_in_order_and_know_their_place() -> None:
	line = GpuQueue()
	first, second, third = line.take(40), line.take(20), line.take(10)
	assert line.wait_turn(first, CancelToken(), 0) is True and line.busy
	first.done = 15
	assert line.place(second) == QueuePlace(ahead=1, steps_ahead=25)
	assert line.place(third) == QueuePlace(ahead=2, steps_ahead=45)
	assert line.wait_turn(third, CancelToken(), 0) is None
	line.release(first)
	assert line.wait_turn(third, CancelToken(), 0) is None, 'the third waits for the second'
	assert line.wait_turn(second, CancelToken(), 0) is True
	line.release(second)
	assert line.wait_turn(third, CancelToken(), 0) is True


def test_a_cancelled_waiter_leaves_and_those_behind_move_up() -> None:
	line = GpuQueue()
	running, leaving, behind = line.take(5), line.take(5), line.take(5)
	assert line.wait_turn(running, CancelToken(), 0)
	stop = CancelToken()
	stop.cancel()
	assert line.wait_turn(leaving, stop, 0) is False
	assert line.place(behind).ahead == 1 and line.waiting == 1
	line.release(running)
	assert line.wait_turn(behind, CancelToken(), 0) is True


def test_a_waiter_wakes_as_soon_as_the_device_is_free() -> None:
	line = GpuQueue()
	holder, waiter = line.take(1), line.take(1)
	assert line.wait_turn(holder, CancelToken(), 0)
	got: list[bool | None] = []
	thread = threading.Thread(target=lambda: got.append(line.wait_turn(waiter, CancelToken(), 5.0)))
	thread.start()
	line.release(holder)
	thread.join(2.0)
	assert got == [True]
	line.release(holder)
	assert line.busy
