"""Upscaler records shared by every layer: what a model upscaler file holds, the built-in resamplers, typed errors."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError, UnsupportedModelError

UpscalerFormat = Literal['safetensors', 'pth']
UpscalerPurpose = Literal['SR', 'Restoration']
UpscalerTiling = Literal['supported', 'discouraged', 'internal']


class UpscalerFileError(ModelFileError):
	"""An upscaler file that cannot be used: empty, truncated, garbage, a Git LFS pointer, not a state dict..."""


class UpscalerPickleRefusedError(UpscalerFileError, PickleRefusedError):
	"""A .pth/.pt whose pickle holds more than tensors (code, objects): refused by weights-only loading, never run."""


class UnsupportedUpscalerError(UpscalerFileError, UnsupportedModelError):
	"""A valid file that spandrel does not recognise, or a model that is not an image upscaler (inpainting, faces)."""


class UpscaleError(LocalAIError):
	"""An upscale could not run: a bad scale or tile size, an unsupported dtype, out of memory."""


class Resampler(StrEnum):
	"""The non-model upscalers A1111 offers, by their A1111 names."""

	LANCZOS = 'Lanczos'
	BICUBIC = 'Bicubic'
	NEAREST = 'Nearest'


@dataclass(frozen=True)
class UpscalerInfo:
	"""A model upscaler file as spandrel read it.

	`architecture` is spandrel's name ('ESRGAN', 'RealESRGAN Compact', 'SwinIR'...); `scale` the native factor of one
	pass; `multiple_of`/`minimum` the input size the model needs (inputs are padded to it); `tiling` spandrel's advice
	('supported', 'discouraged', 'internal': internal means the image is never cut into tiles).
	"""

	name: str
	path: Path
	format: UpscalerFormat
	architecture: str
	scale: int
	purpose: UpscalerPurpose
	input_channels: int
	output_channels: int
	supports_half: bool
	supports_bfloat16: bool
	multiple_of: int
	minimum: int
	tiling: UpscalerTiling
	tags: tuple[str, ...] = ()


class UpscalerDetails(BaseModel):
	"""What the library keeps of a usable upscaler file: `UpscalerInfo` without its name and path."""

	format: UpscalerFormat
	architecture: str
	scale: int
	purpose: UpscalerPurpose
	input_channels: int
	output_channels: int
	supports_half: bool
	supports_bfloat16: bool
	multiple_of: int
	minimum: int
	tiling: UpscalerTiling
	tags: tuple[str, ...] = ()
