"""Files people bring (checkpoints, LoRAs, embeddings, VAEs, upscalers): one record shape, one family enum."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

from localai_ui.schemas.errors import InvalidRequestError


class Family(StrEnum):
	"""The model family a file belongs to; a LoRA or an embedding fits a model of the same family."""

	SD1 = 'sd1'
	SD2 = 'sd2'
	SDXL = 'sdxl'
	UNKNOWN = 'unknown'

	@property
	def label(self) -> str:
		return FAMILY_LABELS[self]


FAMILY_LABELS: Mapping[Family, str] = {
	Family.SD1: 'SD 1.x',
	Family.SD2: 'SD 2.x',
	Family.SDXL: 'SDXL',
	Family.UNKNOWN: 'unknown family',
}


class AssetKind(StrEnum):
	"""What a library folder holds; every kind goes through the one asset library."""

	CHECKPOINT = 'checkpoint'
	LORA = 'lora'
	EMBEDDING = 'embedding'
	VAE = 'vae'
	UPSCALER = 'upscaler'


AssetStatus = Literal['ok', 'unsupported', 'invalid', 'missing']
AssetFormat = Literal['safetensors', 'diffusers', 'pickle', 'other']
ASSET_STATUSES: tuple[AssetStatus, ...] = ('ok', 'unsupported', 'invalid', 'missing')
ASSET_FORMATS: tuple[AssetFormat, ...] = ('safetensors', 'diffusers', 'pickle', 'other')

D = TypeVar('D', bound=BaseModel)


class NoDetails(BaseModel):
	"""The details of a kind that keeps nothing beyond the common record (VAEs)."""


@dataclass(frozen=True)
class ScannedAsset:
	"""What a scan measured and found out about one entry of a library folder, ready to be stored."""

	relative_path: str
	name: str
	format: AssetFormat
	family: Family
	status: AssetStatus
	problem: str | None
	size: int
	mtime: float
	metadata: Mapping[str, str]
	details_json: str


@dataclass(frozen=True)
class StoredAsset:
	"""One row of the asset table as the database gives it back; the kind's details are still JSON text."""

	id: int
	kind: AssetKind
	name: str
	relative_path: str
	format: AssetFormat
	family: Family
	status: AssetStatus
	problem: str | None
	size: int
	mtime: float
	sha256: str | None
	autov2: str | None
	addnet_hash: str | None
	metadata: Mapping[str, str]
	details_json: str
	is_default: bool
	vae: str | None
	preview_path: str | None
	last_used_at: datetime | None
	added_at: datetime


@dataclass(frozen=True)
class Asset(Generic[D]):
	"""A stored row with its kind's typed details (None when the file could not be read)."""

	row: StoredAsset
	details: D | None

	@property
	def id(self) -> int:
		return self.row.id

	@property
	def name(self) -> str:
		return self.row.name

	@property
	def relative_path(self) -> str:
		return self.row.relative_path

	@property
	def status(self) -> AssetStatus:
		return self.row.status

	@property
	def family(self) -> Family:
		return self.row.family

	@property
	def usable(self) -> bool:
		return self.row.status == 'ok' and self.details is not None

	@property
	def reason(self) -> str:
		"""Why the file cannot be used (its problem, else its status)."""
		return self.row.problem or self.row.status


@dataclass(frozen=True)
class FileHashes:
	"""A file's full sha256 and, for LoRAs, kohya's "addnet" hash of the bytes after the header."""

	sha256: str
	autov2: str
	addnet: str | None = None


class UnknownAssetError(InvalidRequestError):
	"""A name that no file of the library has; the message offers close names."""
