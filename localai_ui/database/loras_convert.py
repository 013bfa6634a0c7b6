"""LoraRow -> LoraRecord, and what a scan found written into a row."""

import json
from dataclasses import dataclass
from typing import cast

from localai_ui.database.loras_tables import LoraRow
from localai_ui.schemas.lora_library import LoraRecord, LoraStatus
from localai_ui.schemas.loras import LoraBase, LoraFileInfo, LoraLayout
from localai_ui.services.json_objects import parse_json_object


@dataclass(frozen=True)
class ScannedLora:
	"""One file of the LoRA folder as measured: its inspection when it reads as a LoRA, else why not."""

	relative_path: str
	name: str
	size: int
	mtime: float
	info: LoraFileInfo | None = None
	problem: str | None = None


def fill_row(row: LoraRow, scanned: ScannedLora) -> None:
	info = scanned.info
	row.status = 'ok' if info is not None else 'invalid'
	row.problem = scanned.problem
	row.size, row.mtime = scanned.size, scanned.mtime
	row.layout = info.layout.value if info else None
	row.base = info.base.value if info else LoraBase.UNKNOWN.value
	row.cross_attention_dim = info.cross_attention_dim if info else None
	row.rank = info.rank if info else None
	row.trigger_words_json = json.dumps(list(info.trigger_words) if info else [], ensure_ascii=False)
	row.metadata_json = json.dumps(dict(info.metadata) if info else {}, ensure_ascii=False)
	row.sha256 = info.sha256 if info else None
	row.autov2 = info.autov2 if info else None
	row.addnet_hash = info.addnet_hash if info else None


def lora_record(row: LoraRow) -> LoraRecord:
	words: object = json.loads(row.trigger_words_json or '[]')
	return LoraRecord(
		id=row.id,
		name=row.name,
		relative_path=row.relative_path,
		status=_status(row.status),
		problem=row.problem,
		size=row.size,
		mtime=row.mtime,
		layout=LoraLayout(row.layout) if row.layout in set(LoraLayout) else None,
		base=LoraBase(row.base) if row.base in set(LoraBase) else LoraBase.UNKNOWN,
		cross_attention_dim=row.cross_attention_dim,
		rank=row.rank,
		trigger_words=_words(words),
		metadata={key: str(value) for key, value in parse_json_object(row.metadata_json).items()},
		sha256=row.sha256,
		autov2=row.autov2,
		addnet_hash=row.addnet_hash,
		preview_path=row.preview_path,
		added_at=row.added_at,
	)


def _words(value: object) -> tuple[str, ...]:
	return tuple(str(word) for word in cast(list[object], value)) if isinstance(value, list) else ()


def _status(value: str) -> LoraStatus:
	return 'ok' if value == 'ok' else 'missing' if value == 'missing' else 'invalid'
