"""What a kind of model file adds to the one asset library: which folder entries are candidates, how one is read."""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Generic

from localai_ui.schemas.assets import AssetFormat, AssetKind, D, Family
from localai_ui.services.safetensors.sniff import PICKLE_SUFFIXES, refuse_pickle


@dataclass(frozen=True)
class Inspection(Generic[D]):
	"""A usable file: its family, the kind's details, and the safetensors metadata it carries."""

	family: Family
	details: D
	metadata: Mapping[str, str] = field(default_factory=dict[str, str])


class KindSpec(ABC, Generic[D]):
	"""The rules of one kind; the library does everything else (scan, records, hashes, imports, renames)."""

	kind: AssetKind
	noun: str
	folder_noun: str
	details_type: type[D]
	addnet_hash: bool = False
	folders: bool = False

	def candidate(self, name: str) -> AssetFormat | None:
		"""What a file of this name is to the library: a safetensors candidate, a pickle to list as refused, or None."""
		suffix = PurePosixPath(name).suffix.lower()
		if suffix == '.safetensors':
			return 'safetensors'
		return 'pickle' if suffix in PICKLE_SUFFIXES else None

	def is_folder_entry(self, path: Path) -> bool:
		"""Whether a folder is itself one entry (a diffusers model) rather than a folder to look into."""
		return False

	def skips(self, relative: str) -> bool:
		"""Entries the scan never lists nor enters (sidecars, another kind's folder)."""
		return False

	@abstractmethod
	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[D]:
		"""Read and validate one candidate; raise a LocalAIError naming the file and the reason."""

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		"""The name users see and type: the path under the folder without its extension."""
		return PurePosixPath(relative).with_suffix('').as_posix()

	def sidecars(self, path: Path) -> list[Path]:
		"""Files that belong to `path` and move or go with it."""
		return []

	def search_words(self, details: D) -> tuple[str, ...]:
		"""Words a search matches besides the name, file and family (a LoRA's trigger words)."""
		return ()

	def validate(self, path: Path) -> None:
		"""Check a file before it enters the folder (imports, downloads); raises like `inspect`."""
		refuse_pickle(path)
		self.inspect(path, 'diffusers' if self.folders and path.is_dir() else 'safetensors')
