"""What the app knows about a model on disk."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Literal, Protocol

ModelFormat = Literal['diffusers', 'safetensors']


class Architecture(StrEnum):
	SD1 = 'sd1'
	SD2 = 'sd2'
	SDXL = 'sdxl'


@dataclass(frozen=True)
class ModelInfo:
	"""A loadable model: its display name, where it lives and what it is.

	`config_dir` holds the offline configs a single file loads with (a bundled architecture or its sidecar);
	`hash` is the AutoV2 hash (first 10 hex of `sha256`); `vae` an external VAE file that replaces the model's own.
	"""

	name: str
	path: Path
	architecture: Architecture
	format: ModelFormat = 'diffusers'
	hash: str | None = None
	sha256: str | None = None
	config_dir: Path | None = None
	vae: Path | None = None

	@property
	def load_key(self) -> tuple[Path, Path | None, Path | None]:
		"""What decides the weights in memory: renaming or hashing a model does not make it a different one."""
		return (self.path, self.config_dir, self.vae)


class ModelCatalog(Protocol):
	"""Where the Generate tab gets its model list and default model (the Models library, or a folder scan)."""

	def list_models(self) -> list[ModelInfo]: ...

	def default_model(self) -> ModelInfo | None: ...

	def model_used(self, info: ModelInfo) -> None: ...


ModelStatus = Literal['ok', 'unsupported', 'invalid', 'missing']


@dataclass(frozen=True)
class ModelRecord:
	"""One row of the model library: a file or diffusers folder under the models folder, loadable or not (why)."""

	id: int
	name: str
	relative_path: str
	format: str
	architecture: Architecture | None
	config: str | None
	status: ModelStatus
	problem: str | None
	size: int
	mtime: float
	sha256: str | None
	autov2: str | None
	metadata: dict[str, str]
	vae: str | None
	is_default: bool
	last_used_at: datetime | None
	added_at: datetime
