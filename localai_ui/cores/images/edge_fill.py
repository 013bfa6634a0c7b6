"""Growing an image by repeating its outermost rows and columns outward: 'Resize and fill' bands and outpainting."""

import numpy as np
from PIL import Image


def extend_edges(image: Image.Image, *, left: int, right: int, top: int, bottom: int) -> Image.Image:
	"""`image` on a larger canvas; each new band repeats the edge pixels next to it (corners take the corner pixel)."""
	pixels = np.asarray(image)
	widths = [(top, bottom), (left, right)] + [(0, 0)] * (pixels.ndim - 2)
	return Image.fromarray(np.pad(pixels, widths, mode='edge'), mode=image.mode)
