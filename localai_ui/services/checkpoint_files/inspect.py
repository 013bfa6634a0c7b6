"""What one checkpoint is: a single .safetensors file (family from tensor names and shapes, or its sidecar) or a
diffusers folder; errors say why it cannot be loaded."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import UnsupportedModelError
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.services.checkpoint_files.configs import config_dir
from localai_ui.services.checkpoint_files.detect import (
	INPAINT_VARIANTS,
	VARIANT_FAMILY,
	Variant,
	detect,
	detect_layout,
	with_inpainting,
)
from localai_ui.services.checkpoint_files.folder import folder_model, refuse_folder_pickles
from localai_ui.services.checkpoint_files.sidecar import (
	SIDECAR_FOLDER_SUFFIX,
	Sidecar,
	metadata_sd2_variant,
	read_sidecar,
)
from localai_ui.services.safetensors.header import read_header

SIDECAR = 'sidecar'


@dataclass(frozen=True)
class InspectedCheckpoint:
	"""A loadable checkpoint's family, what the library keeps of it, and its safetensors metadata."""

	family: Family
	details: CheckpointDetails
	metadata: Mapping[str, str] = field(default_factory=dict[str, str])


def inspect_checkpoint(path: Path, *, is_folder: bool) -> InspectedCheckpoint:
	"""Validate and detect; raises a ModelFileError subclass that names the file and the reason.

	Whether a single file is an inpainting model comes from its tensors (9 UNet input channels): a `.yaml` sidecar
	only names the base architecture, and a `.diffusers` sidecar must agree with the tensors.
	"""
	if is_folder:
		refuse_folder_pickles(path)
		found_folder = folder_model(path)
		return InspectedCheckpoint(found_folder.family, CheckpointDetails(inpainting=found_folder.inpainting))
	header = read_header(path)
	sidecar = read_sidecar(path)
	sd2: Variant = metadata_sd2_variant(header.metadata)
	if sidecar is not None and sidecar.config_dir is not None:
		found = detect_layout(path, header.tensors, sd2_variant=sd2)
		_check_sidecar_agrees(path, sidecar, inpainting=found.inpainting)
		details = CheckpointDetails(config=SIDECAR, inpainting=found.inpainting)
		return InspectedCheckpoint(found.family, details, header.metadata)
	found = detect(path, header.tensors, sd2_variant=sidecar.variant if sidecar else sd2)
	variant = with_inpainting(sidecar.variant, found.inpainting) if sidecar else found.variant
	details = CheckpointDetails(config=variant, inpainting=variant in INPAINT_VARIANTS)
	return InspectedCheckpoint(VARIANT_FAMILY[variant], details, header.metadata)


def _check_sidecar_agrees(path: Path, sidecar: Sidecar, *, inpainting: bool) -> None:
	"""A text-to-image `.diffusers` config for a 9-channel UNet (or the reverse) would only fail later, on load."""
	if (sidecar.variant in INPAINT_VARIANTS) != inpainting:
		what = 'an inpainting model (9 UNet input channels)' if inpainting else 'not an inpainting model'
		described = 'a text-to-image' if inpainting else 'an inpainting'
		folder = path.with_suffix(SIDECAR_FOLDER_SUFFIX).name
		raise UnsupportedModelError(
			f'{path.name}: the file is {what} but {folder} describes {described} pipeline: '
			'fix its model_index.json and unet/config.json (in_channels)'
		)


def resolve_config(path: Path, config: str | None) -> Path | None:
	"""The folder a single file loads its configs from (None for diffusers folders, which carry their own)."""
	if config is None:
		return None
	if config == SIDECAR:
		return path.with_suffix(SIDECAR_FOLDER_SUFFIX)
	for variant in VARIANT_FAMILY:
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
