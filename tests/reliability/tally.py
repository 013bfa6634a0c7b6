"""Put every odd kind into a library folder, rescan, and count the kinds handled: the scan ends, nothing of the kind
is listed as usable, each listed entry says why, and no pickle ran."""

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from localai_ui.schemas.assets import StoredAsset
from tests.reliability.odd_kinds import ODD_KINDS, OddKind, token_of
from tests.reliability.payloads import payload_ran

SCAN_TIMEOUT_S = 60.0


class ScannedRecord(Protocol):
	@property
	def row(self) -> StoredAsset: ...

	@property
	def usable(self) -> bool: ...


class ScannedLibrary(Protocol):
	"""What the tally needs of an AssetLibrary of any kind."""

	@property
	def root(self) -> Path: ...

	def refresh(self, *, full: bool = False) -> Sequence[ScannedRecord]: ...


@dataclass(frozen=True)
class FolderTally:
	"""One folder's figures; `unhandled` names each kind that was not handled and why."""

	folder: str
	tried: int
	handled: int
	listed: int
	unhandled: tuple[str, ...]
	scan_s: float


def poison(folder: Path, marker: Path, kinds: Sequence[OddKind] = ODD_KINDS) -> list[tuple[str, OddKind]]:
	"""Write each kind into `folder`; returns (token, kind) for those this system lets us make (mknod needs root)."""
	folder.mkdir(parents=True, exist_ok=True)
	made: list[tuple[str, OddKind]] = []
	for index, kind in enumerate(kinds):
		token = token_of(index)
		try:
			kind.write(folder, token, marker)
		except OSError:
			continue
		made.append((token, kind))
	return made


def scanned(library: ScannedLibrary) -> tuple[Sequence[ScannedRecord] | None, float]:
	"""A full rescan on a thread; None when it did not end within SCAN_TIMEOUT_S (a FIFO opened would block)."""
	found: list[Sequence[ScannedRecord]] = []
	ended = threading.Event()

	def scan() -> None:
		found.append(library.refresh(full=True))
		ended.set()

	started = time.monotonic()
	threading.Thread(target=scan, daemon=True).start()
	finished = ended.wait(SCAN_TIMEOUT_S)
	return (found[0] if finished and found else None), time.monotonic() - started


def tally(library: ScannedLibrary, made: list[tuple[str, OddKind]], marker: Path) -> FolderTally:
	"""Rescan `library` and judge each kind `poison` made in its folder."""
	records, seconds = scanned(library)
	unhandled: list[str] = []
	listed = 0
	for token, kind in made:
		if records is None:
			unhandled.append(f'{kind.label}: the scan did not end')
			continue
		pattern = re.compile(rf'{token}(?!\d)')
		mine = [record for record in records if pattern.search(record.row.relative_path)]
		listed += len(mine)
		usable = [record.row.relative_path for record in mine if record.usable]
		silent = [record.row.relative_path for record in mine if not record.usable and not record.row.problem]
		if usable:
			unhandled.append(f'{kind.label}: listed as usable: {usable}')
		elif silent:
			unhandled.append(f'{kind.label}: listed without a reason: {silent}')
	handled = len(made) - len(unhandled)
	if payload_ran(marker):
		unhandled.append('a pickle payload ran')
	return FolderTally(library.root.name, len(made), handled, listed, tuple(unhandled), seconds)
