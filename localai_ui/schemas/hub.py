"""Hugging Face hub records (search hits, repo details, download plans, progress) and the errors a hub call raises."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from localai_ui.schemas.errors import LocalAIError

HubSort = Literal['downloads', 'likes']
HubVariant = Literal['fp16']


class HubFamily(StrEnum):
	"""The model family a repo looks like, guessed from its tags and id (the hub has no such field)."""

	SD1 = 'sd1'
	SD2 = 'sd2'
	SDXL = 'sdxl'
	SD3 = 'sd3'
	FLUX = 'flux'
	OTHER = 'other'


@dataclass(frozen=True)
class HubModel:
	"""One search hit: what a results table shows."""

	id: str
	author: str
	downloads: int
	likes: int
	tags: tuple[str, ...]
	pipeline_tag: str | None
	family: HubFamily
	gated: bool
	last_modified: datetime | None


@dataclass(frozen=True)
class HubFile:
	"""A file of a repo; `sha256` is known for Git LFS files (the weights), `size` when the hub said."""

	path: str
	size: int | None
	sha256: str | None


@dataclass(frozen=True)
class HubDetails:
	"""A details view; `components`: folders named in model_index.json (None: none, or gated); `revision`: commit."""

	model: HubModel
	files: tuple[HubFile, ...]
	license: str | None
	summary: str
	revision: str
	components: tuple[str, ...] | None

	@property
	def is_diffusers(self) -> bool:
		return any(file.path == 'model_index.json' for file in self.files)


@dataclass(frozen=True)
class PlannedFile:
	"""A file to fetch from `path` in the repo and save as `save_as` under the target folder."""

	path: str
	save_as: str
	size: int | None
	sha256: str | None


@dataclass(frozen=True)
class SkippedFile:
	path: str
	reason: str


@dataclass(frozen=True)
class HubDownloadPlan:
	"""What a download fetches (in order: model_index.json last, so a half-done folder is never listed as a model)
	and why every other file of the repo is left out."""

	repo_id: str
	revision: str
	files: tuple[PlannedFile, ...]
	skipped: tuple[SkippedFile, ...]

	@property
	def total_size(self) -> int:
		return sum(file.size or 0 for file in self.files)


@dataclass(frozen=True)
class HubProgress:
	"""Byte progress of a multi-file download: the current file and the whole plan (`total` None when unknown)."""

	path: str
	index: int
	count: int
	file_done: int
	file_total: int | None
	done: int
	total: int | None


class HubError(LocalAIError):
	"""A hub call failed; the message names the repo or file and what to do (never the token)."""


class HubOfflineError(HubError):
	"""Network access for the hub is off (the default)."""


class HubUnreachableError(HubError):
	"""The hub did not answer (no connection, DNS, timeout)."""


class HubInvalidIdError(HubError):
	"""A repo id or file path that is not of the owner/name shape."""


class HubNotFoundError(HubError):
	"""No such repo or file (or a private one this token cannot see)."""


class HubGatedError(HubError):
	"""A gated repo: it needs a token, or the token's account has not accepted the repo's conditions."""


class HubBadTokenError(HubError):
	"""The hub refused the token itself (mistyped, revoked)."""


class HubServerError(HubError):
	"""The hub answered with an unexpected HTTP status (`status`), or with something that is not its API."""

	def __init__(self, message: str, status: int = 0) -> None:
		super().__init__(message)
		self.status = status


class HubPlanError(HubError):
	"""The repo cannot be downloaded as asked (not a diffusers repo, not a .safetensors file)."""


class HubPickleOnlyError(HubPlanError):
	"""Weights the pipeline needs exist only as pickles, which can run code when loaded."""
