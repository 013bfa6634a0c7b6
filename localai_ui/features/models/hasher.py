"""Hashing in the background with progress; a hash is cached by (path, size, mtime), so restarts do not rehash."""

import threading
from dataclasses import dataclass
from pathlib import Path

from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.database import models_crud
from localai_ui.database.engine import Database
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.models import ModelRecord
from localai_ui.services.hashing import HashCancelledError, autov2, sha256_file
from localai_ui.services.model_files import file_changed


@dataclass(frozen=True)
class HashProgress:
	"""The file being hashed (None when idle), its bytes done and total, and how many files wait."""

	name: str | None = None
	done: int = 0
	total: int = 0
	waiting: int = 0

	@property
	def text(self) -> str:
		if self.name is None:
			return 'Hashes are up to date.'
		percent = 100 * self.done / self.total if self.total else 100.0
		more = f' ({self.waiting} more waiting)' if self.waiting else ''
		return f'Hashing {self.name}: {percent:.0f}%{more}'


def needs_hash(record: ModelRecord) -> bool:
	return record.sha256 is None and record.status != 'missing' and record.format != 'diffusers'


class BackgroundHasher:
	"""One thread that hashes every file without a cached hash, woken after each scan."""

	def __init__(self, database: Database, models_dir: Path) -> None:
		self._database = database
		self._models_dir = models_dir
		self._wake = threading.Event()
		self._stop = CancelToken()
		self._thread: threading.Thread | None = None
		self.progress = HashProgress()
		self.hashed = 0

	def start(self) -> None:
		"""Start the hashing thread."""
		if self._thread is None:
			self._thread = threading.Thread(target=self._loop, name='localai-hasher', daemon=True)
			self._thread.start()

	def wake(self) -> None:
		self._wake.set()

	def close(self, timeout_s: float = 5.0) -> None:
		"""Stop between chunks and wait for the thread (the app is closing)."""
		self._stop.cancel()
		self._wake.set()
		if self._thread is not None:
			self._thread.join(timeout_s)

	def run_once(self) -> int:
		"""Hash every file that needs it now; returns how many hashes were stored."""
		stored, skipped = 0, set[int]()
		while not self._stop.cancelled:
			with self._database.transaction() as session:
				records = models_crud.list_models(session)
			pending = [record for record in records if needs_hash(record) and record.id not in skipped]
			if not pending:
				break
			if self._hash(pending[0], len(pending) - 1):
				stored += 1
			else:
				skipped.add(pending[0].id)
		self.progress = HashProgress()
		return stored

	def _loop(self) -> None:
		while not self._stop.cancelled:
			self._wake.wait()
			self._wake.clear()
			try:
				self.hashed += self.run_once()
			except (LocalAIError, HashCancelledError):
				self.progress = HashProgress()

	def _hash(self, record: ModelRecord, waiting: int) -> bool:
		"""Hash one file; False when it vanished or changed meanwhile (the next scan picks it up again)."""
		path = self._models_dir / record.relative_path
		self.progress = HashProgress(record.name, 0, record.size, waiting)

		def report(done: int) -> None:
			self.progress = HashProgress(record.name, done, record.size, waiting)

		try:
			digest = sha256_file(path, progress=report, cancel=self._stop)
		except OSError:
			return False
		if file_changed(path, record.size, record.mtime):
			return False
		with self._database.transaction() as session:
			return models_crud.set_hash(
				session, model_id=record.id, sha256=digest, autov2=autov2(digest), size=record.size, mtime=record.mtime
			)
