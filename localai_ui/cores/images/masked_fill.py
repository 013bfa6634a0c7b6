"""Masked content 'fill': the hole is pre-painted from the colours around it before the image is encoded."""

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from localai_ui.cores.images.image_checks import as_mask, as_rgb, check_mask_size

Pixels = NDArray[np.float64]

_LAYERS = ((256, 1), (64, 1), (16, 2), (4, 4), (2, 2), (1, 1))
"""(blur radius, times laid over), widest first: far colours set the tone, near colours the detail at the rim."""
_SMALL_RADIUS = 4
"""Wide blurs run on the image shrunk until their radius is this many pixels, then are scaled back up (smooth)."""


def fill_masked(image: Image.Image, mask: Image.Image) -> Image.Image:
	"""`image` with the masked area (mask 255) painted from the colours around it; pixels where the mask is 0 stay
	exactly as they were, and a soft mask value mixes the original with the fill in proportion.

	Each layer is a blur of the unmasked pixels divided by the blurred share of unmasked pixels (an average of the
	known colours nearby), laid over the result with that share as its opacity, from wide to narrow blurs. With
	nothing unmasked there is nothing to fill from, and the image comes back unchanged.
	"""
	rgb = as_rgb(image)
	mask = as_mask(mask)
	check_mask_size(mask.size, rgb.size)
	masked = np.asarray(mask)
	known = 1.0 - masked.astype(np.float64) / 255.0
	if not bool((known > 0).any()) or not bool((masked > 0).any()):
		return rgb.copy()
	original = np.asarray(rgb).astype(np.float64)
	weighted = np.concatenate([original * known[:, :, None], known[:, :, None]], axis=2)
	rows, columns = np.flatnonzero(masked.any(axis=1)), np.flatnonzero(masked.any(axis=0))
	hole = (int(rows[0]), int(rows[-1]) + 1, int(columns[0]), int(columns[-1]) + 1)
	top, bottom, left, right = hole
	filled = np.broadcast_to(weighted[:, :, :3].sum(axis=(0, 1)) / known.sum(), (bottom - top, right - left, 3))
	for radius, times in _LAYERS:
		blurred = _blur_around(weighted, hole, radius)
		share = np.clip(blurred[:, :, 3], 0.0, 1.0)
		average = blurred[:, :, :3] / np.maximum(share, 1e-12)[:, :, None]
		opacity = (1.0 - (1.0 - share) ** times)[:, :, None]
		filled = filled * (1.0 - opacity) + average * opacity
	kept = known[top:bottom, left:right, None]
	mixed = original[top:bottom, left:right] * kept + filled * (1.0 - kept)
	result = np.asarray(rgb).copy()
	patch = np.clip(np.rint(mixed), 0, 255).astype(np.uint8)
	inside = masked[top:bottom, left:right] > 0
	result[top:bottom, left:right][inside] = patch[inside]
	return Image.fromarray(result, mode='RGB')


def _blur_around(values: Pixels, hole: tuple[int, int, int, int], radius: int) -> Pixels:
	"""The blur of `values` (about `radius` px) over the hole's box only, from the pixels it can reach."""
	top, bottom, left, right = hole
	scale = max(1, radius // _SMALL_RADIUS)
	reach = 3 * radius + 2 * scale
	y0, x0 = max(top - reach, 0), max(left - reach, 0)
	window = values[y0 : min(bottom + reach, values.shape[0]), x0 : min(right + reach, values.shape[1])]
	blurred = _soft_blur(window, radius) if scale == 1 else _shrunk_blur(window, radius, scale)
	return blurred[top - y0 : bottom - y0, left - x0 : right - x0]


def _shrunk_blur(values: Pixels, radius: int, scale: int) -> Pixels:
	"""A wide blur done on `values` averaged over scale x scale blocks, then scaled back up bilinearly."""
	height, width, channels = values.shape
	padded = np.pad(values, [(0, -height % scale), (0, -width % scale), (0, 0)])
	blocks = padded.reshape(padded.shape[0] // scale, scale, padded.shape[1] // scale, scale, channels)
	small = _soft_blur(blocks.mean(axis=(1, 3)), radius // scale)
	size = (padded.shape[1], padded.shape[0])
	planes = [
		np.asarray(Image.fromarray(small[:, :, c].astype(np.float32), mode='F').resize(size, Image.Resampling.BILINEAR))
		for c in range(channels)
	]
	return np.stack(planes, axis=2).astype(np.float64)[:height, :width]


def _soft_blur(values: Pixels, radius: int) -> Pixels:
	"""Three box blurs on each axis, close to a Gaussian of about `radius`; outside the array counts as zero."""
	for axis in (0, 1):
		for _ in range(3):
			values = _box_blur(values, radius, axis)
	return values


def _box_blur(values: Pixels, radius: int, axis: int) -> Pixels:
	"""The mean over a window of 2*radius+1 along `axis`, by differences of a running sum."""
	front = np.moveaxis(values, axis, 0)
	widths = [(radius + 1, radius)] + [(0, 0)] * (front.ndim - 1)
	running = np.cumsum(np.pad(front, widths), axis=0)
	window = 2 * radius + 1
	return np.moveaxis((running[window:] - running[: front.shape[0]]) / window, 0, axis)
