"""From what the user painted or uploaded to the masks inpainting needs: binary, blurred and overlay."""

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from localai_ui.cores.images.image_checks import check_mask_size
from localai_ui.schemas.image_edits import MAX_MASK_BLUR, ImageEditError, MaskError, PreparedMask

MASK_THRESHOLD = 128
"""A pixel is masked when its alpha (a layer with transparency) or its brightest channel (an opaque mask) reaches
this: half-transparent brush edges and JPEG noise in a black/white mask fall on the side they are closest to."""

_ALPHA_MODES = ('RGBA', 'LA', 'PA', 'RGBa', 'La')


def masked_area(mask_image: Image.Image) -> NDArray[np.bool_]:
	"""True where `mask_image` marks the area: by alpha when it has transparency, else by any bright channel.

	Gradio's ImageEditor gives strokes on a transparent layer (their colour does not matter, black strokes count);
	an uploaded mask is opaque white (or any colour) on black.
	"""
	has_alpha = mask_image.mode in _ALPHA_MODES or (mask_image.mode == 'P' and 'transparency' in mask_image.info)
	if has_alpha:
		rgba = np.asarray(mask_image.convert('RGBA'))
		alpha = rgba[:, :, 3]
		if bool((alpha < 255).any()):
			return alpha >= MASK_THRESHOLD
		return rgba[:, :, :3].max(axis=2) >= MASK_THRESHOLD
	if mask_image.mode in ('L', '1'):
		return np.asarray(mask_image.convert('L')) >= MASK_THRESHOLD
	return np.asarray(mask_image.convert('RGB')).max(axis=2) >= MASK_THRESHOLD


def prepare_mask(
	mask_image: Image.Image,
	image_size: tuple[int, int],
	*,
	invert: bool = False,
	blur: int = 4,
	blur_y: int | None = None,
) -> PreparedMask:
	"""The masks for an init image of `image_size`; `invert` is 'Inpaint not masked'; `blur` softens by a Gaussian of
	that many pixels (`blur_y`, when given, vertically). A mask of another size, or marking nothing, is a MaskError.
	"""
	check_mask_size(mask_image.size, image_size)
	vertical = blur if blur_y is None else blur_y
	_check_blur(blur, vertical)
	marked = masked_area(mask_image)
	if not bool(marked.any()):
		raise MaskError(
			'the mask is empty: nothing is painted; paint over the area to repaint, or upload a mask '
			'that is white (or opaque) where the image should change'
		)
	if invert:
		marked = ~marked
		if not bool(marked.any()):
			raise MaskError(
				'the mask covers the whole image, so "Inpaint not masked" leaves nothing to repaint; '
				'paint less, or turn inverting off'
			)
	binary = Image.fromarray(marked.astype(np.uint8) * 255, mode='L')
	blurred = binary.filter(ImageFilter.GaussianBlur((blur, vertical))) if blur or vertical else binary.copy()
	doubled = np.minimum(np.asarray(blurred).astype(np.uint16) * 2, 255).astype(np.uint8)
	return PreparedMask(binary=binary, blurred=blurred, overlay=Image.fromarray(doubled, mode='L'))


def _check_blur(horizontal: int, vertical: int) -> None:
	"""Raise ImageEditError unless both blur amounts are in 0..MAX_MASK_BLUR."""
	for amount in (horizontal, vertical):
		if not 0 <= amount <= MAX_MASK_BLUR:
			raise ImageEditError(
				f'mask blur {horizontal}x{vertical} is out of range; use 0 to {MAX_MASK_BLUR} pixels on each axis'
			)
