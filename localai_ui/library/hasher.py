"""Hashing in the background for every kind, with progress; hashes are cached by (path, size, mtime), so restarts do
not rehash. A run that needs a hash not made yet (a LoRA's addnet hash for the infotext) hashes that file at once."""

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset, AssetKind, D, StoredAsset
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import LocalAIError
from localai_ui.services.checkpoint_files.inspect import file_changed
from localai_ui.services.hashing import HashCancelledError, file_hashes


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


class HashedFolder(Protocol):
	"""What the hasher needs of a library, whatever its kind."""

	@property
	def kind(self) -> AssetKind: ...

	@property
	def addnet_hash(self) -> bool: ...

	def path_of(self, record: StoredAsset) -> Path: ...


class BackgroundHasher:
	"""One thread that hashes every file without cached hashes, woken after each scan of any library."""

	def __init__(self, database: Database, libraries: Sequence[HashedFolder]) -> None:
		self._database = database
		self._libraries = {library.kind: library for library in libraries}
		self._wake = threading.Event()
		self._stop = CancelToken()
		self._lock = threading.Lock()
		self._thread: threading.Thread | None = None
		self.progress = HashProgress()
		self.hashed = 0

	def start(self) -> None:
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

	def pending(self) -> list[StoredAsset]:
		with self._database.transaction() as session:
			return [row for row in database_service.assets_needing_hash(session) if row.kind in self._libraries]

	def run_once(self) -> int:
		"""Hash every file that needs it now; returns how many hashes were stored."""
		stored, skipped = 0, set[int]()
		while not self._stop.cancelled:
			waiting = [row for row in self.pending() if row.id not in skipped]
			if not waiting:
				break
			if self._hash(waiting[0], len(waiting) - 1, self._stop):
				stored += 1
				self.hashed += 1
			else:
				skipped.add(waiting[0].id)
		self.progress = HashProgress()
		return stored

	def ensure(self, library: AssetLibrary[D], record: Asset[D]) -> Asset[D]:
		"""`record` with its hashes, hashing it now when the background thread has not reached it yet."""
		if record.row.sha256 is not None:
			return record
		self._hash(record.row, 0, None)
		return library.record(record.name)

	def _loop(self) -> None:
		while not self._stop.cancelled:
			self._wake.wait()
			self._wake.clear()
			try:
				self.run_once()
			except (LocalAIError, HashCancelledError):
				self.progress = HashProgress()

	def _hash(self, row: StoredAsset, waiting: int, cancel: CancelToken | None) -> bool:
		"""Hash one file; False when it vanished or changed meanwhile (the next scan picks it up again).

		A run that needs the hash passes no cancel token: closing the app stops the background, not a run."""
		library = self._libraries[row.kind]
		path = library.path_of(row)
		self.progress = HashProgress(row.name, 0, row.size, waiting)

		def report(done: int) -> None:
			self.progress = HashProgress(row.name, done, row.size, waiting)

		with self._lock:  # the background thread and a run never read the same big file twice at once
			try:
				hashes = file_hashes(path, addnet=library.addnet_hash, progress=report, cancel=cancel)
			except OSError:
				return False
		if file_changed(path, row.size, row.mtime):
			return False
		with self._database.transaction() as session:
			return database_service.set_hashes(session, asset_id=row.id, hashes=hashes, size=row.size, mtime=row.mtime)
