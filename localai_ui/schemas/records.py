"""History rows as plain frozen records, so callers never hold a live ORM object."""

from dataclasses import dataclass
from datetime import datetime

from localai_ui.schemas.progress import RunStatus


@dataclass(frozen=True)
class GenerationRecord:
	"""One run: what was asked (request_json keeps the original request), how it ended, and how fast it ran."""

	id: int
	status: RunStatus
	prompt: str
	negative_prompt: str
	model_name: str
	model_hash: str | None
	sampler: str
	schedule: str
	steps: int
	cfg_scale: float
	width: int
	height: int
	seed: int
	batch_count: int
	batch_size: int
	seeds: tuple[int, ...]
	request_json: str
	error: str | None
	started_at: datetime
	finished_at: datetime | None
	it_per_s: float | None
	infotext: str


@dataclass(frozen=True)
class ImageRecord:
	"""One saved image; path is relative to the outputs folder, written with forward slashes."""

	id: int
	generation_id: int
	path: str
	seed: int
	index: int
	width: int
	height: int
	created_at: datetime
