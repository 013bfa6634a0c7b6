"""The decoder's operations applied one tile at a time to a whole activation that lives on the store device.

A convolution reads each tile with a border of its padding width taken from the neighbours and keeps the inside of
what it computes; a GroupNorm first sums every tile, then normalises each with the statistics of the whole image."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import torch
from torch import nn

TileFn = Callable[[torch.Tensor], torch.Tensor]


class UnsupportedLayerError(ValueError):
	"""A layer that tiling cannot reproduce exactly (a strided or dilated convolution, a padding mode other than
	zeros): the caller decodes the usual way instead."""


@dataclass(frozen=True)
class Tiler:
	"""Where the whole activations live (`store`), where each tile runs (`device`), and how many values a tile holds at
	most (channels x height x width), which sets the tile side for each layer's channel count."""

	device: torch.device
	store: torch.device
	max_tile_values: int = 1 << 23

	def side(self, channels: int) -> int:
		return max(16, int((self.max_tile_values / max(1, channels)) ** 0.5))

	def regions(self, activation: torch.Tensor) -> Iterator[tuple[slice, slice]]:
		"""Row and column slices that cover `activation` (N, C, H, W) without overlap."""
		height, width = activation.shape[-2:]
		side = self.side(activation.shape[1])
		for top in range(0, height, side):
			for left in range(0, width, side):
				yield slice(top, min(height, top + side)), slice(left, min(width, left + side))

	def to_device(self, tile: torch.Tensor) -> torch.Tensor:
		return tile.to(self.device, non_blocking=True)


def _one_tile(tiler: Tiler, activation: torch.Tensor) -> bool:
	"""Whether the whole activation is one tile: then the layer runs on it as it is, exactly the untiled way."""
	return tiler.side(activation.shape[1]) >= max(activation.shape[-2:])


def map_tiles(tiler: Tiler, activation: torch.Tensor, function: TileFn, channels: int, scale: int = 1) -> torch.Tensor:
	"""`function` applied to each tile on its own (elementwise work, nearest upscaling by `scale`)."""
	batch, _, height, width = activation.shape
	out = torch.empty((batch, channels, height * scale, width * scale), dtype=activation.dtype, device=tiler.store)
	for rows, cols in tiler.regions(activation):
		result = function(tiler.to_device(activation[:, :, rows, cols]))
		out[:, :, rows.start * scale : rows.stop * scale, cols.start * scale : cols.stop * scale] = result.to(
			tiler.store
		)
	return out


def _halo(conv: nn.Conv2d) -> int:
	padding = conv.padding
	if (
		conv.stride != (1, 1)
		or conv.dilation != (1, 1)
		or conv.groups != 1
		or conv.padding_mode != 'zeros'
		or isinstance(padding, str)
		or padding[0] != padding[1]
		or conv.kernel_size[0] != 2 * padding[0] + 1
		or conv.kernel_size[1] != 2 * padding[1] + 1
	):
		raise UnsupportedLayerError(f'cannot tile {conv} exactly')
	return padding[0]


def _unchanged(tile: torch.Tensor) -> torch.Tensor:
	return tile


def conv(tiler: Tiler, layer: nn.Conv2d, activation: torch.Tensor, before: TileFn = _unchanged) -> torch.Tensor:
	"""A same-size convolution of `before(activation)`, each tile read with `padding` pixels of its neighbours; the
	layer's own zero padding then stands only where the image itself ends, as in the untiled run. `before` (a norm and
	an activation function) runs on each tile as it is read, so its whole-image result is never held."""
	halo = _halo(layer)
	if _one_tile(tiler, activation):
		return layer(before(tiler.to_device(activation))).to(tiler.store)
	batch, _, height, width = activation.shape
	out = torch.empty((batch, layer.out_channels, height, width), dtype=activation.dtype, device=tiler.store)
	for rows, cols in tiler.regions(activation):
		top, left = max(0, rows.start - halo), max(0, cols.start - halo)
		bottom, right = min(height, rows.stop + halo), min(width, cols.stop + halo)
		result = layer(before(tiler.to_device(activation[:, :, top:bottom, left:right])))
		inner = result[:, :, rows.start - top : rows.stop - top, cols.start - left : cols.stop - left]
		out[:, :, rows, cols] = inner.to(tiler.store)
	return out


def _whole_image_statistics(tiler: Tiler, groups: int, activation: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
	"""Mean and variance per (image, group) over every tile: each tile's own in float32, merged in float64 weighted by
	its size (the parallel form of Welford's method)."""
	batch = activation.shape[0]
	count = torch.zeros((), dtype=torch.float64)
	mean = torch.zeros((batch, groups), dtype=torch.float64, device=tiler.device)
	spread = torch.zeros_like(mean)  # the sum of squared distances from the mean
	for rows, cols in tiler.regions(activation):
		tile = tiler.to_device(activation[:, :, rows, cols]).reshape(batch, groups, -1)
		tile_var, tile_mean = torch.var_mean(tile, dim=-1, correction=0)
		size = float(tile.shape[-1])
		delta = tile_mean.to(torch.float64) - mean
		total = count + size
		mean += delta * (size / total)
		spread += tile_var.to(torch.float64) * size + delta * delta * (count * size / total)
		count = total
	return mean, spread / count


def group_norm(tiler: Tiler, layer: nn.GroupNorm, activation: torch.Tensor, then: TileFn) -> TileFn:
	"""GroupNorm with the whole image's mean and variance per group, then `then` (the activation function that follows
	it in the decoder), as a function of any tile of `activation` (for `conv`'s `before`)."""
	if _one_tile(tiler, activation):
		return lambda tile: then(layer(tile))
	channels, groups = activation.shape[1], layer.num_groups
	mean, variance = _whole_image_statistics(tiler, groups, activation)
	inverse_std = torch.rsqrt(variance + layer.eps)
	scale = inverse_std.repeat_interleave(channels // groups, dim=1)
	shift = (-mean * inverse_std).repeat_interleave(channels // groups, dim=1)
	if layer.affine:
		if layer.weight.is_meta:
			raise UnsupportedLayerError(f'{layer} keeps its weights elsewhere (sequential offload)')
		weight, bias = layer.weight.to(tiler.device, torch.float64), layer.bias.to(tiler.device, torch.float64)
		scale, shift = scale * weight, shift * weight + bias
	scale = scale.to(activation.dtype)[:, :, None, None]
	shift = shift.to(activation.dtype)[:, :, None, None]
	return lambda tile: then(torch.addcmul(shift, tile, scale))
