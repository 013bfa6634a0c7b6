"""Inpaint area 'Only masked': the region around the mask, grown to the generation's aspect, and the crop itself."""

import numpy as np
from PIL import Image

from localai_ui.cores.images.image_checks import as_mask, as_rgb, check_mask_size, check_region, check_size
from localai_ui.schemas.image_edits import MAX_PADDING, Box, ImageEditError, MaskError


def crop_region(mask: Image.Image, padding: int, target_width: int, target_height: int) -> Box:
	"""The box around every non-zero mask pixel, `padding` px wider on each side, grown to target_width:target_height
	and kept inside the image (shifted off an edge; clipped only where the image is too small for the aspect).

	Pass the blurred mask, so the soft rim that will be pasted back lies inside the region.
	"""
	if not 0 <= padding <= MAX_PADDING:
		raise ImageEditError(f'only-masked padding {padding} is out of range; use 0 to {MAX_PADDING} pixels')
	check_size(target_width, target_height)
	pixels = np.asarray(as_mask(mask))
	rows = np.flatnonzero(pixels.any(axis=1))
	columns = np.flatnonzero(pixels.any(axis=0))
	if rows.size == 0:
		raise MaskError('the mask is empty, so there is no area to crop around; paint over the area to repaint')
	width, height = mask.size
	left, right = max(int(columns[0]) - padding, 0), min(int(columns[-1]) + 1 + padding, width)
	top, bottom = max(int(rows[0]) - padding, 0), min(int(rows[-1]) + 1 + padding, height)
	ratio = target_width / target_height
	if (right - left) / (bottom - top) > ratio:
		top, bottom = _grown(top, bottom, round((right - left) / ratio), height)
	else:
		left, right = _grown(left, right, round((bottom - top) * ratio), width)
	return Box(left=left, top=top, right=right, bottom=bottom)


def _grown(start: int, end: int, wanted: int, limit: int) -> tuple[int, int]:
	"""The span start..end grown evenly to `wanted`, shifted back inside 0..limit, clipped if longer than the image."""
	extra = max(wanted - (end - start), 0)
	start -= extra // 2
	end += extra - extra // 2
	if end > limit:
		start, end = start - (end - limit), limit
	if start < 0:
		start, end = 0, end - start
	return start, min(end, limit)


def crop_for_inpaint(
	image: Image.Image, mask: Image.Image, region: Box, width: int, height: int
) -> tuple[Image.Image, Image.Image]:
	"""The image (RGB) and mask (L) cut to `region` and stretched to the generation size width x height.

	A stretch, not a fill: paste_back stretches the result back to the region, so every pixel returns to its place.
	"""
	rgb = as_rgb(image)
	mask = as_mask(mask)
	check_mask_size(mask.size, rgb.size)
	check_region(region, rgb.size)
	check_size(width, height)
	cropped_image = rgb.crop(region.as_tuple())
	cropped_mask = mask.crop(region.as_tuple())
	if region.size == (width, height):
		return cropped_image, cropped_mask
	return (
		cropped_image.resize((width, height), Image.Resampling.LANCZOS),
		cropped_mask.resize((width, height), Image.Resampling.BILINEAR),
	)
