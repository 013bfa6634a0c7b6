"""The LoRA folder as files: which entries are LoRA candidates, and what each one holds."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from localai_ui.database.loras_convert import ScannedLora
from localai_ui.schemas.loras import LoraFileError
from localai_ui.services.lora_files import inspect_lora
from localai_ui.services.model_files import PARTIAL_SUFFIX
from localai_ui.services.model_files_errors import pickle_message
from localai_ui.services.safetensors_sniff import PICKLE_SUFFIXES

PREVIEWS_DIR = '.previews'
MAX_DEPTH = 3


@dataclass(frozen=True)
class LoraFile:
	"""A candidate: `relative` is its POSIX path under the LoRA folder; size and mtime key the cached inspection."""

	relative: str
	path: Path
	size: int
	mtime: float

	@property
	def name(self) -> str:
		"""The file name without extension: what `<lora:name:weight>` says (folders are not part of it)."""
		return self.path.stem


def list_lora_files(loras_dir: Path) -> list[LoraFile]:
	"""Every .safetensors file and pickle (listed to say why not) under `loras_dir`, hidden entries and downloads
	in progress skipped."""
	found = [_describe(loras_dir, path) for path in _walk(loras_dir, 0)]
	return sorted(found, key=lambda file: file.relative.casefold())


def _walk(folder: Path, depth: int) -> Iterator[Path]:
	try:
		entries = sorted(folder.iterdir())
	except OSError:
		return
	for entry in entries:
		if entry.name.startswith('.') or entry.name.endswith(PARTIAL_SUFFIX):
			continue
		if entry.is_dir():
			if depth < MAX_DEPTH:
				yield from _walk(entry, depth + 1)
		elif entry.suffix.lower() == '.safetensors' or entry.suffix.lower() in PICKLE_SUFFIXES:
			yield entry


def _describe(root: Path, path: Path) -> LoraFile:
	stat = path.stat()
	return LoraFile(path.relative_to(root).as_posix(), path, stat.st_size, stat.st_mtime)


def scan_file(file: LoraFile) -> ScannedLora:
	"""Inspect and hash one file; never raises for a bad file, it says why in `problem`."""
	scanned = ScannedLora(file.relative, file.name, file.size, file.mtime)
	if file.path.suffix.lower() in PICKLE_SUFFIXES:
		return replace(scanned, problem=pickle_message(file.path.name))
	try:
		return replace(scanned, info=inspect_lora(file.path, file.name))
	except LoraFileError as error:
		return replace(scanned, problem=str(error))
