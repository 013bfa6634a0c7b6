"""Sidecars that override detection: `<name>.yaml` (A1111's original LDM config) or `<name>.diffusers/` configs."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.file_errors import UnsupportedModelError
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.services.checkpoint_files.detect import Variant

SIDECAR_FOLDER_SUFFIX = '.diffusers'
SIDECAR_SUFFIXES = ('.yaml', '.yml')
_CLASS_VARIANT: Mapping[str, Variant] = {
	'StableDiffusionPipeline': 'sd15',
	'StableDiffusionXLPipeline': 'sdxl',
	'StableDiffusionInpaintPipeline': 'sd15-inpaint',
	'StableDiffusionXLInpaintPipeline': 'sdxl-inpaint',
}
_CONTEXT_VARIANT: Mapping[str, Variant] = {'768': 'sd15', '1024': 'sd2'}


@dataclass(frozen=True)
class Sidecar:
	"""What a sidecar says: the variant, and for a `.diffusers` folder the configs to load with."""

	variant: Variant
	config_dir: Path | None = None


def sidecar_paths(path: Path) -> list[Path]:
	"""Every sidecar that belongs to the checkpoint at `path` (they move and go with it)."""
	candidates = [path.with_suffix(SIDECAR_FOLDER_SUFFIX), *(path.with_suffix(suffix) for suffix in SIDECAR_SUFFIXES)]
	return [candidate for candidate in candidates if candidate.exists()]


def read_sidecar(path: Path) -> Sidecar | None:
	"""The sidecar next to `path`, the `.diffusers` folder first; None when there is none."""
	folder = path.with_suffix(SIDECAR_FOLDER_SUFFIX)
	if (folder / 'model_index.json').is_file():
		return Sidecar(_folder_variant(path, folder), folder)
	for suffix in SIDECAR_SUFFIXES:
		yaml = path.with_suffix(suffix)
		if yaml.is_file():
			return Sidecar(_yaml_variant(path, yaml.read_text(encoding='utf-8', errors='replace')))
	return None


def _folder_variant(path: Path, folder: Path) -> Variant:
	try:
		index = parse_json_object((folder / 'model_index.json').read_bytes())
	except (OSError, ValueError) as error:
		raise UnsupportedModelError(
			f'{path.name}: its {folder.name}/model_index.json cannot be read: {error}'
		) from error
	variant = _CLASS_VARIANT.get(str(index.get('_class_name')))
	if variant is None:
		raise UnsupportedModelError(f'{path.name}: {folder.name} describes a {index.get("_class_name")}: not supported')
	return variant


def _yaml_variant(path: Path, text: str) -> Variant:
	"""The few lines of an LDM config that tell the variant, read without running a YAML loader on user files."""
	adm = re.search(r'^\s*adm_in_channels:\s*(\d+)', text, re.MULTILINE)
	if adm is not None:
		if adm.group(1) == '2816':
			return 'sdxl'
		raise UnsupportedModelError(f'{path.name}: its YAML describes an SDXL refiner (adm_in_channels {adm.group(1)})')
	context = re.search(r'^\s*context_dim:\s*(\d+)', text, re.MULTILINE)
	variant = _CONTEXT_VARIANT.get(context.group(1)) if context is not None else None
	if variant is None:
		raise UnsupportedModelError(f'{path.name}: its YAML config describes no SD1, SD2 or SDXL model')
	if variant == 'sd2' and re.search(r'^\s*parameterization:\s*["\']?v["\']?\s*$', text, re.MULTILINE):
		return 'sd2-v'
	return variant


def metadata_sd2_variant(metadata: Mapping[str, str]) -> Variant:
	"""SD2's prediction type from the file's own metadata (modelspec), v-prediction when it says nothing."""
	text = ' '.join(metadata.get(key, '') for key in ('modelspec.architecture', 'modelspec.prediction_type')).lower()
	return 'sd2' if 'epsilon' in text or '512' in text else 'sd2-v'
