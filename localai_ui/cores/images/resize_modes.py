"""A1111's resize modes: fitting an init image or a mask to the generation size by stretching, cropping or filling."""

from PIL import Image

from localai_ui.cores.images.edge_fill import extend_edges
from localai_ui.cores.images.image_checks import as_rgb, check_size
from localai_ui.schemas.image_edits import ResizeMode


def resize_image(
	image: Image.Image, width: int, height: int, mode: ResizeMode | str | int = ResizeMode.JUST_RESIZE
) -> Image.Image:
	"""`image` fitted to width x height by `mode` (A1111 name or index); L masks stay L, anything else becomes RGB.

	Just resize stretches; Crop and resize scales to cover and keeps the centre; Resize and fill scales to fit
	inside and fills the empty bands by repeating the image's edge rows or columns outward. The latent upscale
	mode is Just resize for pixels (the latent part happens on the device).
	"""
	check_size(width, height)
	choice = ResizeMode.parse(mode)
	image = image.convert('L') if image.mode in ('L', '1') else as_rgb(image)
	if choice is ResizeMode.CROP_AND_RESIZE:
		return _crop_and_resize(image, width, height)
	if choice is ResizeMode.RESIZE_AND_FILL:
		return _resize_and_fill(image, width, height)
	return _resized(image, width, height)


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
	"""A stretch to width x height: Lanczos for pictures, bilinear for masks (no ringing halo around a mask)."""
	if image.size == (width, height):
		return image.copy()
	resample = Image.Resampling.BILINEAR if image.mode == 'L' else Image.Resampling.LANCZOS
	return image.resize((width, height), resample)


def _crop_and_resize(image: Image.Image, width: int, height: int) -> Image.Image:
	"""Scale so the image covers the target, then keep its centre."""
	scale = max(width / image.width, height / image.height)
	scaled_width = max(width, round(image.width * scale))
	scaled_height = max(height, round(image.height * scale))
	scaled = _resized(image, scaled_width, scaled_height)
	left = (scaled_width - width) // 2
	top = (scaled_height - height) // 2
	return scaled.crop((left, top, left + width, top + height))


def _resize_and_fill(image: Image.Image, width: int, height: int) -> Image.Image:
	"""Scale so the image fits inside, centre it, and fill the bands with its own edge colours."""
	scale = min(width / image.width, height / image.height)
	scaled_width = min(width, max(1, round(image.width * scale)))
	scaled_height = min(height, max(1, round(image.height * scale)))
	scaled = _resized(image, scaled_width, scaled_height)
	left = (width - scaled_width) // 2
	top = (height - scaled_height) // 2
	return extend_edges(
		scaled, left=left, right=width - scaled_width - left, top=top, bottom=height - scaled_height - top
	)
