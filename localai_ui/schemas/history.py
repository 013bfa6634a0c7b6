"""What the History tab asks the database for and gets back: filters, a page of images, one image's details."""

from dataclasses import dataclass
from datetime import datetime

from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord


@dataclass(frozen=True)
class HistoryFilters:
	"""Search text (full-text over prompt and negative prompt) and filters; None or empty means "any"."""

	text: str = ''
	model: str | None = None
	sampler: str | None = None
	status: RunStatus | None = None
	favourites_only: bool = False
	flagged_only: bool = False  # images the safety checker flagged
	started_from: datetime | None = None
	started_before: datetime | None = None


@dataclass(frozen=True)
class HistoryItem:
	"""One image in the gallery; paths are relative to the outputs folder."""

	image_id: int
	generation_id: int
	path: str
	thumbnail_path: str | None
	seed: int
	prompt: str
	favourite: bool
	file_missing: bool
	created_at: datetime
	flagged: bool = False


@dataclass(frozen=True)
class HistoryPage:
	"""A page of images, newest first; has_next says another page follows."""

	items: tuple[HistoryItem, ...]
	page: int
	has_next: bool


@dataclass(frozen=True)
class HistoryDetails:
	"""One image with the run that made it (every parameter, timings, the infotext)."""

	item: HistoryItem
	generation: GenerationRecord
	index: int
	width: int
	height: int
