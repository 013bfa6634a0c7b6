"""One kind's folder mirrored in SQLite: rescanned incrementally, queried by every tab, the same for every kind."""

import difflib
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.library.kind import KindSpec
from localai_ui.library.scan import parse_details, scan_entry
from localai_ui.library.walk import Entry, walk_folder
from localai_ui.schemas.assets import Asset, AssetKind, D, StoredAsset, UnknownAssetError

Listener = Callable[[], None]
CLOSE_NAMES = 3


class AssetLibrary(Generic[D]):
	"""Rows for every candidate under `root`; an entry is opened again only when its size or mtime changed."""

	def __init__(self, *, database: Database, root: Path, spec: KindSpec[D]) -> None:
		self.database = database
		self.root = root
		self.spec = spec
		self._lock = threading.Lock()
		self._listeners: list[Listener] = []

	@property
	def kind(self) -> AssetKind:
		return self.spec.kind

	@property
	def addnet_hash(self) -> bool:
		return self.spec.addnet_hash

	def on_change(self, listener: Listener) -> None:
		"""Call `listener` after each scan (the background hasher wakes up then)."""
		self._listeners.append(listener)

	def refresh(self, *, full: bool = False) -> list[Asset[D]]:
		"""Scan the folder: new entries appear, missing ones are flagged, changed ones are read again.

		Unchanged usable entries are not opened again unless `full` (a sidecar edit needs a full refresh). Entries are read
		before the write transaction starts, so a slow disk never holds the database lock.
		"""
		with self._lock:
			entries = walk_folder(self.root, self.spec)
			known = {record.relative_path: record for record in self.stored()}
			changed = [entry for entry in entries if full or _stale(known.get(entry.relative), entry)]
			scanned = [scan_entry(self.spec, entry) for entry in changed]
			now = datetime.now(UTC)
			with self.database.transaction() as session:
				for item in scanned:
					database_service.upsert_scanned(session, kind=self.spec.kind, scanned=item, now=now)
				present = {entry.relative for entry in entries}
				database_service.mark_missing(
					session, kind=self.spec.kind, present=present, folder=self.spec.folder_noun
				)
		for listener in self._listeners:
			listener()
		return self.records()

	def stored(self) -> list[StoredAsset]:
		with self.database.transaction() as session:
			return database_service.list_assets(session, kind=self.spec.kind)

	def records(self) -> list[Asset[D]]:
		"""Every entry, by name, usable or not (with the reason)."""
		return [self.asset(row) for row in self.stored()]

	def usable(self) -> list[Asset[D]]:
		return [record for record in self.records() if record.usable]

	def asset(self, row: StoredAsset) -> Asset[D]:
		details = parse_details(self.spec.details_type, row.details_json) if row.status == 'ok' else None
		return Asset(row, details)

	def find(self, name: str) -> Asset[D] | None:
		with self.database.transaction() as session:
			row = database_service.get_asset(session, kind=self.spec.kind, name=name)
		return None if row is None else self.asset(row)

	def record(self, name: str) -> Asset[D]:
		"""The entry called `name`; UnknownAssetError offers close names when there is none."""
		found = self.find(name)
		if found is None:
			raise UnknownAssetError(
				f'{self.spec.noun} {name!r} is not in the {self.spec.folder_noun}{self.close_to(name)}'
			)
		return found

	def path_of(self, record: Asset[D] | StoredAsset) -> Path:
		return self.root / record.relative_path

	def search(self, text: str | None) -> list[Asset[D]]:
		"""Entries whose name, file, family or kind-specific words (trigger words) hold every word of `text`."""
		words = (text or '').casefold().split()
		found: list[Asset[D]] = []
		for record in self.records():
			extra = self.spec.search_words(record.details) if record.details is not None else ()
			haystack = ' '.join([record.name, record.relative_path, record.family.label, *extra]).casefold()
			if all(word in haystack for word in words):
				found.append(record)
		return found

	def default(self) -> Asset[D] | None:
		"""The usable entry marked default, else the first usable one by name."""
		usable = self.usable()
		return next((record for record in usable if record.row.is_default), usable[0] if usable else None)

	def touch(self, name: str) -> None:
		"""Remember that `name` was just used (the Models tab shows it)."""
		with self.database.transaction() as session:
			database_service.touch_last_used(session, kind=self.spec.kind, name=name, when=datetime.now(UTC))

	def close_to(self, name: str) -> str:
		names = [record.name for record in self.usable()]
		close = difflib.get_close_matches(name, names, n=CLOSE_NAMES, cutoff=0.5)
		if close:
			return f'; did you mean {", ".join(close)}?'
		return f' ({self.root}); press Refresh after adding files'


def _stale(record: StoredAsset | None, entry: Entry) -> bool:
	"""New, changed, or refused before: a refused entry is read again at every scan, so a newer app (or a fixed
	sidecar) takes it up without a full refresh; refused entries are few, and reading them is cheap."""
	if record is None or record.status != 'ok':
		return True
	return (record.size, record.mtime) != (entry.size, entry.mtime)
