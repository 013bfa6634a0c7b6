"""Turning a validated upscaler file into a spandrel image model, refusing what is not an image upscaler."""

from dataclasses import dataclass
from pathlib import Path

import torch
from spandrel import ImageModelDescriptor, MaskedImageModelDescriptor, ModelDescriptor, ModelLoader, ModelTiling
from spandrel import UnsupportedModelError as SpandrelUnsupportedError

from localai_ui.schemas.upscalers import UnsupportedUpscalerError, UpscalerFormat, UpscalerInfo, UpscalerTiling
from localai_ui.services.upscaler_files import read_upscaler_weights

_TILING_NAMES: dict[ModelTiling, UpscalerTiling] = {
	ModelTiling.SUPPORTED: 'supported',
	ModelTiling.DISCOURAGED: 'discouraged',
	ModelTiling.INTERNAL: 'internal',
}
# A detected architecture whose loader then trips over the tensors raises whatever its code hits first.
_LOAD_FAILURES = (RuntimeError, KeyError, ValueError, IndexError, AssertionError, TypeError, AttributeError)


@dataclass(frozen=True)
class LoadedUpscaler:
	"""An upscaler ready to run: what it is, and the spandrel model (on the CPU, fp32, until someone moves it)."""

	info: UpscalerInfo
	model: ImageModelDescriptor[torch.nn.Module]


def load_upscaler(path: Path, name: str | None = None) -> LoadedUpscaler:
	"""Read, identify and build the upscaler in `path`; UpscalerFileError and its subclasses name the file."""
	weights = read_upscaler_weights(path)
	model = image_model(path, weights.tensors)
	return LoadedUpscaler(describe(path, weights.format, model, name), model)


def image_model(path: Path, tensors: dict[str, torch.Tensor]) -> ImageModelDescriptor[torch.nn.Module]:
	"""The spandrel model for `tensors`; UnsupportedUpscalerError when spandrel knows no such upscaler."""
	try:
		descriptor = ModelLoader(device='cpu').load_from_state_dict(tensors)
	except SpandrelUnsupportedError as error:
		raise UnsupportedUpscalerError(
			f'{path.name}: spandrel does not recognise it: its tensors match none of the architectures spandrel '
			'knows (ESRGAN, Real-ESRGAN, SwinIR, DAT, SPAN, HAT...), so it cannot be used as an upscaler'
		) from error
	except _LOAD_FAILURES as error:
		raise UnsupportedUpscalerError(
			f'{path.name}: spandrel took it for a known architecture but cannot build it ({error}): '
			'the file is damaged or a variant spandrel does not support'
		) from error
	return image_upscaler(path, descriptor)


def image_upscaler(path: Path, descriptor: ModelDescriptor) -> ImageModelDescriptor[torch.nn.Module]:
	"""`descriptor` if it turns an image into an image; inpainting and face restoration models are refused."""
	architecture = descriptor.architecture.name
	if isinstance(descriptor, MaskedImageModelDescriptor):
		raise UnsupportedUpscalerError(
			f'{path.name}: a {architecture} inpainting model (it needs a mask), not an upscaler'
		)
	if descriptor.purpose == 'FaceSR':
		raise UnsupportedUpscalerError(
			f'{path.name}: a {architecture} face restoration model: it works on aligned face crops, not on whole '
			'images, so it is not offered as an upscaler'
		)
	return descriptor


def describe(
	path: Path, kind: UpscalerFormat, model: ImageModelDescriptor[torch.nn.Module], name: str | None = None
) -> UpscalerInfo:
	"""The record of an identified upscaler file."""
	purpose = model.purpose
	return UpscalerInfo(
		name=name or path.stem,
		path=path,
		format=kind,
		architecture=model.architecture.name,
		scale=model.scale,
		purpose='Restoration' if purpose == 'Restoration' else 'SR',
		input_channels=model.input_channels,
		output_channels=model.output_channels,
		supports_half=model.supports_half,
		supports_bfloat16=model.supports_bfloat16,
		multiple_of=model.size_requirements.multiple_of,
		minimum=model.size_requirements.minimum,
		tiling=_TILING_NAMES[model.tiling],
		tags=tuple(model.tags),
	)
