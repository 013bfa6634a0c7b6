"""Putting a generated image back: outside the mask the original comes back bit for bit."""

from PIL import Image

from localai_ui.cores.images.image_checks import as_mask, as_rgb, check_mask_size, check_region, size_text
from localai_ui.schemas.image_edits import Box, ImageEditError


def paste_back(original: Image.Image, generated: Image.Image, mask: Image.Image, region: Box | None) -> Image.Image:
	"""The original with the generated pixels shown through `mask` (255: generated, 0: original, between: mixed).

	With a `region` ('Only masked'), `generated` is stretched back to the region's size and placed there first;
	without one it must have the original's size. Where the mask is 0 the output equals the original exactly.
	"""
	base = as_rgb(original)
	mask = as_mask(mask)
	check_mask_size(mask.size, base.size)
	result = as_rgb(generated)
	if region is None:
		if result.size != base.size:
			raise ImageEditError(
				f'the generated image is {size_text(result.size)} but the original is {size_text(base.size)}; '
				'resize the original to the generation size first, or pass the crop region'
			)
	else:
		check_region(region, base.size)
		if result.size != region.size:
			result = result.resize(region.size, Image.Resampling.LANCZOS)
		placed = base.copy()
		placed.paste(result, (region.left, region.top))
		result = placed
	return Image.composite(result, base, mask)
