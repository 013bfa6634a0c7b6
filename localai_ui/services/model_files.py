"""The models folder as files: which entries are model candidates, and what each one is."""

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from localai_ui.schemas.models import Architecture
from localai_ui.services.model_files_configs import config_dir
from localai_ui.services.model_files_detect import VARIANT_ARCHITECTURE, Variant, detect, detect_layout
from localai_ui.services.model_files_errors import ModelFileError, PickleRefusedError, UnsupportedModelError
from localai_ui.services.model_files_sidecar import SIDECAR_FOLDER_SUFFIX, metadata_sd2_variant, read_sidecar
from localai_ui.services.model_scan import read_model_folder
from localai_ui.services.safetensors_header import read_header
from localai_ui.services.safetensors_sniff import PICKLE_SUFFIXES

FileFormat = Literal['diffusers', 'safetensors', 'pickle']
Status = Literal['ok', 'unsupported', 'invalid']
VAE_FOLDER = 'VAE'
PARTIAL_SUFFIX = '.part'
MAX_DEPTH = 3
SIDECAR = 'sidecar'


@dataclass(frozen=True)
class ModelFile:
	"""A candidate: `relative` is its POSIX path under the models folder; size and mtime key the hash cache."""

	relative: str
	path: Path
	format: FileFormat
	size: int
	mtime: float


@dataclass(frozen=True)
class Inspection:
	"""What a candidate is: loadable (status ok) with its architecture and configs, or why not.

	`config` names the offline configs of a single file: a bundled variant, or SIDECAR for its `.diffusers` folder.
	"""

	status: Status
	architecture: Architecture | None = None
	config: str | None = None
	metadata: Mapping[str, str] = field(default_factory=dict[str, str])
	problem: str | None = None


def list_model_files(models_dir: Path) -> list[ModelFile]:
	"""Every candidate under `models_dir`: .safetensors, pickles (listed to explain why not), diffusers folders.

	Skipped: hidden entries, `.part` downloads, sidecars, the VAE folder and the insides of diffusers folders.
	"""
	found = [_describe(models_dir, path, kind) for path, kind in _walk(models_dir, models_dir, 0)]
	return sorted(found, key=lambda item: item.relative.casefold())


def _walk(root: Path, folder: Path, depth: int) -> Iterator[tuple[Path, FileFormat]]:
	try:
		entries = sorted(folder.iterdir())
	except OSError:
		return
	for entry in entries:
		name = entry.name
		if name.startswith('.') or name.endswith((PARTIAL_SUFFIX, SIDECAR_FOLDER_SUFFIX)):
			continue
		if entry.is_dir():
			if (entry / 'model_index.json').is_file():
				yield entry, 'diffusers'
			elif depth < MAX_DEPTH and not (folder == root and name.casefold() == VAE_FOLDER.casefold()):
				yield from _walk(root, entry, depth + 1)
		elif entry.suffix.lower() == '.safetensors':
			yield entry, 'safetensors'
		elif entry.suffix.lower() in PICKLE_SUFFIXES:
			yield entry, 'pickle'


def _describe(root: Path, path: Path, kind: FileFormat) -> ModelFile:
	if kind == 'diffusers':
		stat = (path / 'model_index.json').stat()
		size = sum(item.stat().st_size for item in path.rglob('*') if item.is_file())
	else:
		stat = path.stat()
		size = stat.st_size
	return ModelFile(path.relative_to(root).as_posix(), path, kind, size, stat.st_mtime)


def inspect_model_file(file: ModelFile) -> Inspection:
	"""Validate and detect; never raises for a bad file, it says why in `problem`."""
	try:
		return _inspect(file)
	except UnsupportedModelError as error:
		return Inspection('unsupported', problem=str(error))
	except PickleRefusedError as error:
		return Inspection('unsupported', problem=str(error))
	except (ModelFileError, OSError) as error:
		return Inspection('invalid', problem=str(error))


def _inspect(file: ModelFile) -> Inspection:
	if file.format == 'diffusers':
		info = read_model_folder(file.path)
		if info is None:
			raise UnsupportedModelError(f'{file.path.name}: not an SD1 or SDXL text-to-image pipeline')
		return Inspection('ok', info.architecture)
	header = read_header(file.path)
	sidecar = read_sidecar(file.path)
	sd2: Variant = metadata_sd2_variant(header.metadata)
	if sidecar is not None and sidecar.config_dir is not None:
		found = detect_layout(file.path, header.tensors, sd2_variant=sd2)
		return Inspection('ok', found.architecture, SIDECAR, header.metadata)
	found = detect(file.path, header.tensors, sd2_variant=sidecar.variant if sidecar else sd2)
	variant = sidecar.variant if sidecar else found.variant
	return Inspection('ok', VARIANT_ARCHITECTURE[variant], variant, header.metadata)


def resolve_config(path: Path, config: str | None) -> Path | None:
	"""The folder a single file loads its configs from (None for diffusers folders, which carry their own)."""
	if config is None:
		return None
	if config == SIDECAR:
		return path.with_suffix(SIDECAR_FOLDER_SUFFIX)
	for variant in VARIANT_ARCHITECTURE:
		if variant == config:
			return config_dir(variant)
	return None


def file_changed(path: Path, size: int, mtime: float) -> bool:
	"""Whether the file at `path` is no longer the one measured (size and mtime), so its hash is stale."""
	try:
		stat = os.stat(path)
	except OSError:
		return True
	return stat.st_size != size or stat.st_mtime != mtime
