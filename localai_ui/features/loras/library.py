"""The LoRA library: the LoRA folder mirrored in SQLite, rescanned incrementally, and LoRA tags resolved to files."""

import difflib
import threading
from datetime import UTC, datetime
from pathlib import Path

from localai_ui.database import loras_crud
from localai_ui.database.engine import Database
from localai_ui.features.loras.scan import list_lora_files, scan_file
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.lora_library import LoraRecord
from localai_ui.schemas.loras import LoraSpec, LoraTag

CLOSE_NAMES = 3


class LoraLibrary:
	"""Rows for every candidate under `loras_dir`; a file is opened again only when its size or mtime changed."""

	def __init__(self, *, database: Database, loras_dir: Path) -> None:
		self.database = database
		self.loras_dir = loras_dir
		self._lock = threading.Lock()

	def refresh(self, *, full: bool = False) -> list[LoraRecord]:
		"""Scan the folder: new files are inspected and hashed, changed ones again, missing ones are flagged."""
		with self._lock:
			files = list_lora_files(self.loras_dir)
			known = {record.relative_path: record for record in self.records()}
			now = datetime.now(UTC)
			for file in files:
				record = known.get(file.relative)
				stale = (
					record is None
					or record.status == 'missing'
					or (record.size, record.mtime) != (file.size, file.mtime)
				)
				if full or stale:
					scanned = scan_file(file)
					with self.database.transaction() as session:
						loras_crud.upsert_lora(session, scanned=scanned, now=now)
			with self.database.transaction() as session:
				loras_crud.flag_missing(session, present={file.relative for file in files})
		return self.records()

	def records(self) -> list[LoraRecord]:
		with self.database.transaction() as session:
			return loras_crud.list_loras(session)

	def find(self, name: str) -> LoraRecord | None:
		with self.database.transaction() as session:
			return loras_crud.get_lora(session, name=name)

	def record(self, name: str) -> LoraRecord:
		found = self.find(name)
		if found is None:
			raise InvalidRequestError(f'LoRA {name!r} is not in the library{self._close_to(name)}')
		return found

	def path_of(self, record: LoraRecord) -> Path:
		return self.loras_dir / record.relative_path

	def search(self, text: str) -> list[LoraRecord]:
		"""Records whose name, trigger words, architecture or file contain every word of `text`."""
		words = text.casefold().split()
		found: list[LoraRecord] = []
		for record in self.records():
			haystack = ' '.join([record.name, record.relative_path, record.base.label, *record.trigger_words])
			if all(word in haystack.casefold() for word in words):
				found.append(record)
		return found

	def spec(self, tag: LoraTag) -> LoraSpec:
		"""The file a tag names, ready to apply; unknown or unusable LoRAs are refused naming them."""
		record = self.find(tag.name)
		if record is None:
			raise InvalidRequestError(f'LoRA {tag.name!r} is not in {self.loras_dir}{self._close_to(tag.name)}')
		if record.status != 'ok' or record.layout is None or record.addnet_hash is None:
			raise InvalidRequestError(f'LoRA {tag.name!r} cannot be used: {record.problem or record.status}')
		return LoraSpec(
			name=record.name,
			path=self.path_of(record),
			weight=tag.weight,
			addnet_hash=record.addnet_hash,
			base=record.base,
			cross_attention_dim=record.cross_attention_dim,
			layout=record.layout,
			te_weight=tag.te_weight,
		)

	def _close_to(self, name: str) -> str:
		names = [record.name for record in self.records() if record.status == 'ok']
		close = difflib.get_close_matches(name, names, n=CLOSE_NAMES, cutoff=0.5)
		return f'; did you mean {", ".join(close)}?' if close else '; the LoRAs tab lists the names'
