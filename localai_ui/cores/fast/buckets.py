"""Which compiled graph a UNet call can use. Inductor and CUDA graphs specialise on exact shapes, so a bucket is the
exact shape of the call: family, image width and height (latents x 8), UNet batch (images x 2 when guided), latent
channels (9 for inpainting models) and prompt tokens (77 per chunk); nothing is shared between two buckets."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import torch

LATENT_SCALE = 8


@dataclass(frozen=True)
class Bucket:
	family: str
	width: int
	height: int
	batch: int
	channels: int
	tokens: int

	@property
	def label(self) -> str:
		return f'{self.width}x{self.height} batch {self.batch}'


@dataclass(frozen=True)
class Placement:
	"""Where the weights live: a change of device or dtype, or a park in RAM and back, drops every compiled bucket."""

	device: str
	dtype: str
	address: int


@dataclass(frozen=True)
class Inputs:
	"""A call's arguments, kept (cloned) to compile and warm up its bucket later."""

	args: tuple[object, ...]
	kwargs: dict[str, object]


def placement_of(unet: torch.nn.Module) -> Placement:
	first = next(unet.parameters())
	return Placement(str(first.device), str(first.dtype), first.data_ptr())


def bucket_of(family: str, args: Sequence[object], kwargs: Mapping[str, object]) -> Bucket | None:
	"""The bucket of one UNet call; None when the call does not look like a denoising step (then it runs eager)."""
	sample = args[0] if args else kwargs.get('sample')
	context = args[2] if len(args) > 2 else kwargs.get('encoder_hidden_states')
	if not isinstance(sample, torch.Tensor) or sample.dim() != 4 or not isinstance(context, torch.Tensor):
		return None
	batch, channels, height, width = sample.shape
	tokens = context.shape[1] if context.dim() == 3 else 0
	return Bucket(family, width * LATENT_SCALE, height * LATENT_SCALE, batch, channels, tokens)


def cloned(args: Sequence[object], kwargs: Mapping[str, object]) -> Inputs:
	"""A copy of a call's tensors (also inside dicts) that outlives the step that made them."""
	return Inputs(tuple(_clone(value) for value in args), {key: _clone(value) for key, value in kwargs.items()})


def _clone(value: object) -> object:
	if isinstance(value, torch.Tensor):
		return value.detach().clone()
	if isinstance(value, dict):
		return {key: _clone(item) for key, item in cast(dict[object, object], value).items()}
	return value
