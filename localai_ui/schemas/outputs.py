"""What the generate use case reports to its callers (UI and API) as a run goes on."""

from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.system import MemoryMode


@dataclass(frozen=True)
class SavedImage:
	"""An image on disk with the infotext written into it."""

	path: Path
	seed: int
	index: int
	infotext: str
	flagged: bool = False  # by the safety checker: `shown` is then a blurred copy
	shown: Path | None = None  # what a gallery shows instead of `path`


@dataclass(frozen=True)
class SavedBatch:
	images: tuple[SavedImage, ...]


@dataclass(frozen=True)
class RunFinished:
	"""The end of a run as recorded in the history database (no row when it was stopped before it started)."""

	generation_id: int | None
	status: RunStatus
	images: tuple[SavedImage, ...]
	seeds: tuple[int, ...]
	error: str | None
	it_per_s: float | None
	lighter_mode: MemoryMode | None = None  # the memory mode to offer after an out-of-memory failure
