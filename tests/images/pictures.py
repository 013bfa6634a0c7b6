"""Small test pictures and masks built in code, and their pixels as numpy arrays."""

import numpy as np
from numpy.typing import NDArray
from PIL import Image

Colour = tuple[int, int, int]
RED: Colour = (220, 20, 20)
BLUE: Colour = (20, 20, 220)
GREEN: Colour = (20, 230, 20)


def pixels(image: Image.Image) -> NDArray[np.uint8]:
	"""The image's pixels, (height, width[, channels]) uint8."""
	return np.asarray(image).astype(np.uint8)


def noise_image(width: int, height: int, seed: int) -> Image.Image:
	"""A random RGB picture: every pixel differs from its neighbours, so any move or change shows."""
	rng = np.random.default_rng(seed)
	return Image.fromarray(rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8), mode='RGB')


def two_tone(width: int, height: int, left: Colour, right: Colour) -> Image.Image:
	"""An RGB picture, `left` colour in its left half and `right` colour in its right half."""
	image = Image.new('RGB', (width, height), right)
	image.paste(left, (0, 0, width // 2, height))
	return image


def box_mask(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
	"""An L mask of `size`: 255 inside `box` (left, top, right, bottom), 0 elsewhere."""
	mask = Image.new('L', size, 0)
	mask.paste(255, box)
	return mask
