"""A cancel token shared by the caller that asks to stop and the run that checks it every step."""

import threading


class CancelToken:
	"""Set once to stop a run; the run checks it between steps."""

	def __init__(self) -> None:
		self._event = threading.Event()

	def cancel(self) -> None:
		self._event.set()

	@property
	def cancelled(self) -> bool:
		return self._event.is_set()

	def wait(self, timeout: float) -> bool:
		"""Sleep up to `timeout` seconds; True as soon as the token is cancelled."""
		return self._event.wait(timeout)
