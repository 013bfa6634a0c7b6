"""History rows as plain frozen records, so callers never hold a live ORM object."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from localai_ui.schemas.progress import RunStatus

RunMode = Literal['txt2img', 'img2img', 'inpaint', 'upscale']
RUN_MODES: tuple[RunMode, ...] = ('txt2img', 'img2img', 'inpaint', 'upscale')


@dataclass(frozen=True)
class GenerationRecord:
	"""One run: what was asked (request_json keeps the original request), how it ended, and how fast it ran.

	`mode` says which kind of run it was; `source` is the picture an upscale started from (under the data folder).
	"""

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
	mode: RunMode = 'txt2img'
	source: str | None = None


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
