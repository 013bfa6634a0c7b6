"""Checks and conversions every image-edit function shares: sizes in range, RGB images, L masks, boxes inside."""

from PIL import Image

from localai_ui.schemas.image_edits import MAX_SIDE, Box, ImageEditError, MaskError

_WHITE = (255, 255, 255)


def check_size(width: int, height: int, what: str = 'target size') -> None:
	"""Raise ImageEditError unless both sides are in 1..MAX_SIDE."""
	for side in (width, height):
		if not 1 <= side <= MAX_SIDE:
			raise ImageEditError(f'{what} {width}x{height} is out of range; each side must be 1 to {MAX_SIDE} pixels')


def size_text(size: tuple[int, int]) -> str:
	"""A size as users read it: 512x768."""
	return f'{size[0]}x{size[1]}'


def as_rgb(image: Image.Image) -> Image.Image:
	"""`image` as RGB; transparent pixels are laid on white first (A1111's default img2img background)."""
	if image.mode == 'RGB':
		return image
	if image.mode in ('RGBA', 'LA', 'PA') or (image.mode == 'P' and 'transparency' in image.info):
		rgba = image.convert('RGBA')
		background = Image.new('RGBA', rgba.size, (*_WHITE, 255))
		return Image.alpha_composite(background, rgba).convert('RGB')
	return image.convert('RGB')


def as_mask(mask: Image.Image) -> Image.Image:
	"""`mask` as an L image (255 = repaint); a mask given in another mode is converted by luminance."""
	return mask if mask.mode == 'L' else mask.convert('L')


def check_mask_size(mask_size: tuple[int, int], image_size: tuple[int, int]) -> None:
	"""Raise MaskError naming both sizes unless the mask has the image's size."""
	if mask_size != image_size:
		raise MaskError(
			f'the mask is {size_text(mask_size)} but the image is {size_text(image_size)}; '
			'draw or upload the mask at the size of the image it belongs to'
		)


def check_region(region: Box, image_size: tuple[int, int]) -> None:
	"""Raise ImageEditError unless `region` is a non-empty box inside an image of `image_size`."""
	width, height = image_size
	inside = 0 <= region.left < region.right <= width and 0 <= region.top < region.bottom <= height
	if not inside:
		raise ImageEditError(
			f'crop region {region.as_tuple()} is not a box inside the {size_text(image_size)} image; '
			'compute it with crop_region from a mask of this image'
		)
