"""The parts a diffusers folder needs before it is listed as usable: every component its `model_index.json` names
that the pipeline loads, with whole safetensors weights (a truncated file fails here, not deep inside diffusers)."""

from collections.abc import Mapping
from pathlib import Path
from typing import cast

from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.services.safetensors.header import read_header

LOADED_PARTS = ('unet', 'vae', 'text_encoder', 'text_encoder_2', 'tokenizer', 'tokenizer_2', 'scheduler')
WEIGHTED_PARTS = frozenset({'unet', 'vae', 'text_encoder', 'text_encoder_2'})


def check_parts(folder: Path, index: Mapping[str, object]) -> None:
	"""Raise ModelFileError naming the first missing component, weightless component or damaged weight file."""
	for part in LOADED_PARTS:
		listed = index.get(part)
		if not isinstance(listed, list) or all(item is None for item in cast(list[object], listed)):
			continue  # not part of this pipeline ([null, null]) or not listed at all
		component = folder / part
		if not component.is_dir():
			raise ModelFileError(f'{folder.name}: the {part} component is missing (model_index.json lists it)')
		if part in WEIGHTED_PARTS:
			_check_weights(folder, component)


def _check_weights(folder: Path, component: Path) -> None:
	weights = sorted(path for path in component.iterdir() if path.name.endswith('.safetensors') and path.is_file())
	if not weights:
		raise ModelFileError(f'{folder.name}/{component.name}: no .safetensors weights in it; the folder is incomplete')
	for weight in weights:
		try:
			read_header(weight)
		except ModelFileError as error:
			raise ModelFileError(f'{folder.name}/{component.name}/{error}') from error
		except RecursionError as error:
			raise ModelFileError(
				f'{folder.name}/{component.name}/{weight.name}: its header nests too deeply'
			) from error
