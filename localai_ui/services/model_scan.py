"""Finding the diffusers model folders in the models directory."""

from pathlib import Path

from localai_ui.schemas.models import Architecture, ModelInfo
from localai_ui.services.json_objects import parse_json_object

PIPELINE_ARCHITECTURES: dict[str, Architecture] = {
	'StableDiffusionPipeline': Architecture.SD1,
	'StableDiffusionXLPipeline': Architecture.SDXL,
}


def scan_models(models_dir: Path) -> list[ModelInfo]:
	"""Every loadable diffusers folder directly under `models_dir`, sorted by name."""
	if not models_dir.is_dir():
		return []
	found = [info for folder in models_dir.iterdir() if (info := read_model_folder(folder)) is not None]
	return sorted(found, key=lambda info: info.name.casefold())


def read_model_folder(folder: Path) -> ModelInfo | None:
	"""The model a diffusers folder holds, or None when it is not a text-to-image pipeline we run."""
	index = folder / 'model_index.json'
	if not index.is_file():
		return None
	try:
		content = parse_json_object(index.read_bytes())
	except (OSError, ValueError):
		return None
	class_name = content.get('_class_name')
	architecture = PIPELINE_ARCHITECTURES.get(class_name) if isinstance(class_name, str) else None
	if architecture is None:
		return None
	return ModelInfo(name=folder.name, path=folder, architecture=architecture)
