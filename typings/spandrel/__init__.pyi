# Typed surface of the parts of spandrel 0.4 this project uses (spandrel ships no py.typed; its StateDict is Any).
from collections.abc import Mapping
from enum import Enum
from typing import Generic, Literal, Self, TypeVar

import torch
from torch import Tensor

_M = TypeVar('_M', bound=torch.nn.Module, covariant=True)

Purpose = Literal['SR', 'FaceSR', 'Inpainting', 'Restoration']

class SizeRequirements:
	minimum: int
	multiple_of: int
	square: bool
	def __init__(self, minimum: int = 0, multiple_of: int = 1, square: bool = False) -> None: ...
	@property
	def none(self) -> bool: ...
	def check(self, width: int, height: int) -> bool: ...
	def get_padding(self, width: int, height: int) -> tuple[int, int]: ...

class ModelTiling(Enum):
	SUPPORTED = 1
	DISCOURAGED = 2
	INTERNAL = 3

class UnsupportedModelError(Exception): ...
class UnsupportedDtypeError(Exception): ...

class Architecture(Generic[_M]):
	@property
	def id(self) -> str: ...
	@property
	def name(self) -> str: ...

class ModelBase(Generic[_M]):
	tags: list[str]
	supports_half: bool
	supports_bfloat16: bool
	scale: int
	input_channels: int
	output_channels: int
	size_requirements: SizeRequirements
	tiling: ModelTiling
	@property
	def model(self) -> _M: ...
	@property
	def architecture(self) -> Architecture[_M]: ...
	@property
	def purpose(self) -> Purpose: ...
	@property
	def device(self) -> torch.device: ...
	@property
	def dtype(self) -> torch.dtype: ...
	def to(self, device: torch.device | str | None = None, dtype: torch.dtype | None = None) -> Self: ...
	def eval(self) -> Self: ...

class ImageModelDescriptor(ModelBase[_M]):
	def __init__(
		self,
		model: _M,
		state_dict: Mapping[str, object],
		architecture: Architecture[_M],
		purpose: Literal['SR', 'FaceSR', 'Restoration'],
		tags: list[str],
		supports_half: bool,
		supports_bfloat16: bool,
		scale: int,
		input_channels: int,
		output_channels: int,
		size_requirements: SizeRequirements | None = None,
		tiling: ModelTiling = ModelTiling.SUPPORTED,
	) -> None: ...
	@property
	def purpose(self) -> Literal['SR', 'FaceSR', 'Restoration']: ...
	def __call__(self, image: Tensor) -> Tensor: ...

class MaskedImageModelDescriptor(ModelBase[_M]):
	def __init__(
		self,
		model: _M,
		state_dict: Mapping[str, object],
		architecture: Architecture[_M],
		purpose: Literal['Inpainting'],
		tags: list[str],
		supports_half: bool,
		supports_bfloat16: bool,
		input_channels: int,
		output_channels: int,
		size_requirements: SizeRequirements | None = None,
		tiling: ModelTiling = ModelTiling.SUPPORTED,
	) -> None: ...
	@property
	def purpose(self) -> Literal['Inpainting']: ...
	def __call__(self, image: Tensor, mask: Tensor) -> Tensor: ...

ModelDescriptor = ImageModelDescriptor[torch.nn.Module] | MaskedImageModelDescriptor[torch.nn.Module]

class ModelLoader:
	device: torch.device
	def __init__(self, device: str | torch.device | None = None) -> None: ...
	def load_from_state_dict(self, state_dict: Mapping[str, object]) -> ModelDescriptor: ...
