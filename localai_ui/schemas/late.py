"""A part built on another thread after the page is served (the engine: torch, diffusers and the device plan):
readers wait for it, or ask whether it is there yet without waiting."""

import threading
from typing import Generic, TypeVar

from localai_ui.schemas.errors import LocalAIError

T = TypeVar('T')


class EngineFailedError(LocalAIError):
	"""The engine could not start (a device the machine lacks, a broken install); the message says why."""


class Late(Generic[T]):
	"""Set once, by the thread that builds the part, with the part or with why it could not be built."""

	def __init__(self, what: str) -> None:
		self.what = what
		self._done = threading.Event()
		self._value: T | None = None
		self._failure: str | None = None

	def set(self, value: T) -> None:
		self._value = value
		self._done.set()

	def fail(self, reason: str) -> None:
		self._failure = reason
		self._done.set()

	@property
	def ready(self) -> bool:
		return self._done.is_set() and self._failure is None

	@property
	def failure(self) -> str | None:
		"""Why the part could not be built; None while it builds and once it is there."""
		return self._failure if self._done.is_set() else None

	def peek(self) -> T | None:
		"""The part if it is there now, else None (never waits)."""
		return self._value if self.ready else None

	def wait(self, timeout: float | None = None) -> bool:
		"""Wait up to `timeout` seconds (None: until done); True once it is built or has failed."""
		return self._done.wait(timeout)

	def get(self) -> T:
		"""The part, waiting for it; a failed build raises EngineFailedError with its reason."""
		self._done.wait()
		if self._failure is not None:
			raise EngineFailedError(f'{self.what} could not start: {self._failure}')
		value = self._value
		if value is None:
			raise EngineFailedError(f'{self.what} was set to nothing')
		return value
