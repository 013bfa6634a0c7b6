"""A diffusers model folder: which family its `model_index.json` names, with every weight file a safetensors."""

from dataclasses import dataclass
from pathlib import Path

from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError, UnsupportedModelError, pickle_message
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.services.checkpoint_files.folder_parts import check_parts
from localai_ui.services.safetensors.sniff import PICKLE_SUFFIXES

PIPELINE_FAMILIES: dict[str, Family] = {
	'StableDiffusionPipeline': Family.SD1,
	'StableDiffusionXLPipeline': Family.SDXL,
	'StableDiffusionInpaintPipeline': Family.SD1,
	'StableDiffusionXLInpaintPipeline': Family.SDXL,
}
INPAINT_PIPELINES = frozenset({'StableDiffusionInpaintPipeline', 'StableDiffusionXLInpaintPipeline'})
INDEX_FILE = 'model_index.json'


@dataclass(frozen=True)
class FolderModel:
	"""What a diffusers folder's `model_index.json` says: the family, and whether it is a dedicated inpainting model."""

	family: Family
	inpainting: bool


def folder_model(folder: Path) -> FolderModel:
	"""The family of a diffusers folder; refused with the reason when it is not a pipeline we run, or a component it
	lists is missing or has damaged weights."""
	try:
		content = parse_json_object((folder / INDEX_FILE).read_bytes())
	except (OSError, ValueError, RecursionError) as error:
		raise ModelFileError(f'{folder.name}: its {INDEX_FILE} cannot be read: {error}') from error
	class_name = content.get('_class_name')
	family = PIPELINE_FAMILIES.get(class_name) if isinstance(class_name, str) else None
	if family is None:
		raise UnsupportedModelError(
			f'{folder.name}: a {class_name} folder, not an SD1 or SDXL text-to-image pipeline (nor their inpainting ones)'
		)
	check_parts(folder, content)
	return FolderModel(family, class_name in INPAINT_PIPELINES)


def folder_family(folder: Path) -> Family:
	"""The family alone (see `folder_model`)."""
	return folder_model(folder).family


def refuse_folder_pickles(folder: Path) -> None:
	"""A component whose weights exist only as pickles is refused as a pickle file is: loading it could run code.

	Components with a .safetensors file load from it (the loader asks for safetensors only), so a stray .bin beside
	it is never opened.
	"""
	for component in sorted(path for path in folder.iterdir() if path.is_dir()):
		files = [path for path in component.iterdir() if path.is_file()]
		pickles = [path for path in files if path.suffix.lower() in PICKLE_SUFFIXES]
		if pickles and not any(path.suffix.lower() == '.safetensors' for path in files):
			raise PickleRefusedError(pickle_message(f'{folder.name}/{component.name}/{pickles[0].name}'))
