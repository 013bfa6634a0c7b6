"""What the API tests compare: pixels of PIL images and of files, and small input pictures."""

from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image


def pixels(image: Image.Image) -> NDArray[np.uint8]:
	return np.asarray(image.convert('RGB'), dtype=np.uint8)


def file_pixels(path: str | Path) -> NDArray[np.uint8]:
	with Image.open(path) as opened:
		return pixels(opened)


def differ(one: Image.Image, two: Image.Image) -> bool:
	"""True when the two pictures differ by more than rounding (a few values off by one)."""
	gap = np.abs(pixels(one).astype(np.int16) - pixels(two).astype(np.int16))
	return int((gap > 1).sum()) > 0


def red_square() -> Image.Image:
	return Image.new('RGB', (64, 64), (200, 40, 40))


def centre_mask() -> Image.Image:
	"""White (redraw) in the middle 16x16, black elsewhere."""
	mask = Image.new('L', (64, 64), 0)
	mask.paste(255, (24, 24, 40, 40))
	return mask
