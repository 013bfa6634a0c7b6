"""LoginAttempts: failed logins counted per client address, with a lockout that doubles at each new failure."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

log = logging.getLogger(__name__)


class LoginOutcome(Enum):
	SUCCESS = 'success'
	FAILURE = 'failure'
	NOT_AN_ATTEMPT = 'not an attempt'  # a malformed form or no login configured: nothing was guessed


@dataclass
class _Record:
	failures: int = 0
	locked_until: float = 0.0
	last_seen: float = 0.0


class LoginAttempts:
	"""`free_failures` wrong passwords in a row are free; each further one locks that address out for a window
	that starts at `first_lockout_s` and doubles up to `max_lockout_s`. A success forgets the address.
	An attempt counts as failed from the moment it starts, so a burst of parallel guesses is stopped too."""

	def __init__(
		self,
		*,
		free_failures: int = 5,
		first_lockout_s: float = 2.0,
		max_lockout_s: float = 300.0,
		forget_after_s: float = 3600.0,
		max_clients: int = 10_000,
		clock: Callable[[], float] = time.monotonic,
	) -> None:
		self.free_failures = free_failures
		self.first_lockout_s = first_lockout_s
		self.max_lockout_s = max_lockout_s
		self.forget_after_s = forget_after_s
		self.max_clients = max_clients
		self.clock = clock
		self._records: dict[str, _Record] = {}
		self._lock = threading.Lock()

	def begin(self, client: str) -> float:
		"""0 when `client` may try now (the try is counted), else the seconds it must wait."""
		with self._lock:
			now = self.clock()
			record = self._records.pop(client, None) or _Record()
			if record.locked_until > now:
				self._records[client] = record
				return record.locked_until - now
			if now - record.last_seen > self.forget_after_s:
				record.failures = 0
			record.failures += 1
			record.last_seen = now
			if record.failures >= self.free_failures:
				record.locked_until = now + self.lockout_s(record.failures)
			self._records[client] = record
			self._forget_stale(now)
			return 0.0

	def settle(self, client: str, outcome: LoginOutcome) -> None:
		"""Record how the try that `begin` allowed ended."""
		with self._lock:
			record = self._records.get(client)
			if record is None:
				return
			if outcome is LoginOutcome.SUCCESS:
				del self._records[client]
			elif outcome is LoginOutcome.NOT_AN_ATTEMPT:
				record.failures = max(0, record.failures - 1)
				if record.failures < self.free_failures:
					record.locked_until = 0.0
			elif record.failures >= self.free_failures:
				seconds = self.lockout_s(record.failures)
				log.warning('Login locked for %s for %.0f s after %d failed attempts', client, seconds, record.failures)

	def lockout_s(self, failures: int) -> float:
		"""How long the `failures`-th failure in a row locks the address out."""
		return min(self.max_lockout_s, self.first_lockout_s * 2 ** (failures - self.free_failures))

	def _forget_stale(self, now: float) -> None:
		"""Keep memory bounded when many addresses fail: quiet ones go first, then the oldest not locked out."""
		if len(self._records) <= self.max_clients:
			return
		for client, record in list(self._records.items()):
			if record.locked_until <= now and now - record.last_seen > self.forget_after_s:
				del self._records[client]
		unlocked = (client for client, record in list(self._records.items()) if record.locked_until <= now)
		while len(self._records) > self.max_clients:
			del self._records[next(unlocked, None) or next(iter(self._records))]
