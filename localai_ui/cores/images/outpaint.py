"""Outpainting as inpainting of a larger canvas: the image padded with its edge colours, and the mask of the new area."""

import numpy as np
from PIL import Image

from localai_ui.cores.images.edge_fill import extend_edges
from localai_ui.cores.images.image_checks import as_rgb, check_size
from localai_ui.schemas.image_edits import ImageEditError


def pad_for_outpaint(
	image: Image.Image, *, left: int = 0, right: int = 0, top: int = 0, bottom: int = 0
) -> tuple[Image.Image, Image.Image]:
	"""`image` (RGB) grown by the given pixels on each side, the new bands repeating the edge colours, and an L mask
	that is 255 on the new area and 0 on the original pixels; feed both to prepare_mask and inpainting.
	"""
	sides = {'left': left, 'right': right, 'top': top, 'bottom': bottom}
	for name, amount in sides.items():
		if amount < 0:
			raise ImageEditError(f'outpaint {name} {amount} is negative; use 0 or more pixels')
	if not any(sides.values()):
		raise ImageEditError('outpaint needs at least one side to grow; give left, right, top or bottom pixels')
	rgb = as_rgb(image)
	check_size(rgb.width + left + right, rgb.height + top + bottom, 'outpainted canvas')
	canvas = extend_edges(rgb, left=left, right=right, top=top, bottom=bottom)
	mask = np.full((canvas.height, canvas.width), 255, dtype=np.uint8)
	mask[top : top + rgb.height, left : left + rgb.width] = 0
	return canvas, Image.fromarray(mask, mode='L')
