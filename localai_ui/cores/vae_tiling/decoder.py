"""AutoencoderKL's decoder run tile by tile: the latent-sized start (conv_in and the middle block with its attention
over the whole image) runs whole, as it is small; every full-size layer after it runs one tile at a time."""

from collections.abc import Callable
from typing import TypeVar

import torch
from torch import nn

from localai_ui.cores.vae_tiling.tile_ops import Tiler, UnsupportedLayerError, conv, group_norm, map_tiles

M = TypeVar('M', bound=nn.Module)
ELEMENTWISE = (nn.SiLU, nn.ReLU, nn.GELU, nn.Mish, nn.Identity)


def _child(module: nn.Module, name: str, kind: type[M]) -> M:
	child = getattr(module, name, None)
	if not isinstance(child, kind):
		raise UnsupportedLayerError(f'{type(module).__name__}.{name} is not a {kind.__name__}')
	return child


def _activation(module: nn.Module, name: str) -> Callable[[torch.Tensor], torch.Tensor]:
	function = _child(module, name, nn.Module)
	if not isinstance(function, ELEMENTWISE):
		raise UnsupportedLayerError(f'{type(module).__name__}.{name} is not elementwise')
	return function


def _resnet(tiler: Tiler, block: nn.Module, activation: torch.Tensor) -> torch.Tensor:
	"""ResnetBlock2D as the decoder has it: no time embedding, no up- or downsampling inside."""
	for absent in ('upsample', 'downsample', 'time_emb_proj'):
		if getattr(block, absent, None) is not None:
			raise UnsupportedLayerError(f'a decoder resnet with {absent}')
	scale = getattr(block, 'output_scale_factor', None)
	if not isinstance(scale, int | float):
		raise UnsupportedLayerError('a decoder resnet without a numeric output_scale_factor')
	act = _activation(block, 'nonlinearity')
	norm1 = group_norm(tiler, _child(block, 'norm1', nn.GroupNorm), activation, act)
	hidden = conv(tiler, _child(block, 'conv1', nn.Conv2d), activation, norm1)
	norm2 = group_norm(tiler, _child(block, 'norm2', nn.GroupNorm), hidden, act)
	hidden = conv(tiler, _child(block, 'conv2', nn.Conv2d), hidden, norm2)
	residual = activation
	if getattr(block, 'conv_shortcut', None) is not None:
		residual = conv(tiler, _child(block, 'conv_shortcut', nn.Conv2d), activation)
	total = hidden.add_(residual)  # (residual + hidden) / scale, as diffusers computes it
	return total.div_(scale) if scale != 1 else total


def _upsample(tiler: Tiler, upsampler: nn.Module, activation: torch.Tensor) -> torch.Tensor:
	"""Upsample2D as the VAE uses it: nearest x2, then a 3x3 convolution."""
	plain = getattr(upsampler, 'interpolate', False) is True and getattr(upsampler, 'use_conv_transpose', True) is False
	if not plain or getattr(upsampler, 'norm', None) is not None:
		raise UnsupportedLayerError('an upsampler other than nearest x2 and a convolution')
	doubled = map_tiles(
		tiler,
		activation,
		lambda tile: nn.functional.interpolate(tile, scale_factor=2.0, mode='nearest'),
		activation.shape[1],
		scale=2,
	)
	return conv(tiler, _child(upsampler, 'conv', nn.Conv2d), doubled)


def _up_block(tiler: Tiler, block: nn.Module, activation: torch.Tensor) -> torch.Tensor:
	for resnet in _child(block, 'resnets', nn.ModuleList):
		activation = _resnet(tiler, resnet, activation)
	if getattr(block, 'upsamplers', None) is not None:
		for upsampler in _child(block, 'upsamplers', nn.ModuleList):
			activation = _upsample(tiler, upsampler, activation)
	return activation


def decode_in_tiles(decoder: nn.Module, latents: torch.Tensor, tiler: Tiler) -> torch.Tensor:
	"""What `decoder(latents)` gives, with at most one tile of each full-size layer on `tiler.device` at a time.

	Raises UnsupportedLayerError (before the full-size layers) for a decoder of another shape."""
	up_blocks = _child(decoder, 'up_blocks', nn.ModuleList)
	norm_out = _child(decoder, 'conv_norm_out', nn.GroupNorm)
	act_out, conv_out = _activation(decoder, 'conv_act'), _child(decoder, 'conv_out', nn.Conv2d)
	with torch.no_grad():
		sample = _child(decoder, 'mid_block', nn.Module)(_child(decoder, 'conv_in', nn.Conv2d)(latents), None)
		sample = sample.to(tiler.store)
		for block in up_blocks:
			sample = _up_block(tiler, block, sample)
		return conv(tiler, conv_out, sample, group_norm(tiler, norm_out, sample, act_out))
