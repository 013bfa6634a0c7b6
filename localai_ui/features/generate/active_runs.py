"""Which runs belong to which caller, so Stop cancels the caller's own run and nobody else's."""

import threading
from collections.abc import Generator
from contextlib import contextmanager

from localai_ui.schemas.cancel import CancelToken


class ActiveRuns:
	"""Cancel tokens of the running jobs, keyed by the caller's session."""

	def __init__(self) -> None:
		self._lock = threading.Lock()
		self._tokens: dict[str, set[CancelToken]] = {}

	@contextmanager
	def track(self, owner: str) -> Generator[CancelToken]:
		"""A fresh token registered for `owner` while the block runs."""
		token = CancelToken()
		with self._lock:
			self._tokens.setdefault(owner, set()).add(token)
		try:
			yield token
		finally:
			with self._lock:
				owned = self._tokens.get(owner, set())
				owned.discard(token)
				if not owned:
					self._tokens.pop(owner, None)

	def cancel(self, owner: str) -> int:
		"""Cancel every run of `owner`; returns how many were asked to stop."""
		with self._lock:
			tokens = list(self._tokens.get(owner, ()))
		for token in tokens:
			token.cancel()
		return len(tokens)
