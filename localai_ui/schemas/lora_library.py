"""A LoRA as the library knows it: one file under the LoRA folder, usable or not (why), with its hashes."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from localai_ui.schemas.loras import LoraBase, LoraLayout

LoraStatus = Literal['ok', 'invalid', 'missing']


@dataclass(frozen=True)
class LoraRecord:
	"""One row of the LoRA library; `preview_path` is relative to the LoRA folder (under `.previews/`)."""

	id: int
	name: str
	relative_path: str
	status: LoraStatus
	problem: str | None
	size: int
	mtime: float
	layout: LoraLayout | None
	base: LoraBase
	cross_attention_dim: int | None
	rank: int | None
	trigger_words: tuple[str, ...]
	metadata: dict[str, str]
	sha256: str | None
	autov2: str | None
	addnet_hash: str | None
	preview_path: str | None
	added_at: datetime
