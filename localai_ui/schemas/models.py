"""What the app knows about a model on disk."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Architecture(StrEnum):
	SD1 = 'sd1'
	SDXL = 'sdxl'


@dataclass(frozen=True)
class ModelInfo:
	"""A loadable model: its display name, where it lives and what it is."""

	name: str
	path: Path
	architecture: Architecture
	format: str = 'diffusers'
	hash: str | None = None
