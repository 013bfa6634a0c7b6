"""The Inpaint tab's editor value as an image and a mask: the picture is the editor's background, the mask is
everywhere a stroke was painted on any layer (white is redrawn, A1111's convention)."""

from typing import cast

from PIL import Image, ImageChops

from localai_ui.schemas.errors import InvalidRequestError


def _picture(value: object) -> Image.Image | None:
	return value if isinstance(value, Image.Image) else None


def editor_images(value: object) -> tuple[Image.Image, Image.Image]:
	"""(image, mask) from an ImageEditor value of type 'pil'; clear messages when either is missing."""
	parts = cast(dict[str, object], value) if isinstance(value, dict) else {}
	background = _picture(parts.get('background'))
	if background is None:
		raise InvalidRequestError('Inpaint needs a picture: upload or paste one into the editor first.')
	layers = parts.get('layers')
	strokes = (
		[picture for picture in cast(list[object], layers) if isinstance(picture, Image.Image)]
		if isinstance(layers, list)
		else []
	)
	mask = Image.new('L', background.size, 0)
	for layer in strokes:
		alpha = layer.convert('RGBA').getchannel('A')
		if alpha.size != background.size:
			alpha = alpha.resize(background.size, Image.Resampling.NEAREST)
		mask = ImageChops.lighter(mask, alpha.point(lambda level: 255 if level else 0))
	if mask.getbbox() is None:
		raise InvalidRequestError('Paint over the area to redraw first: the mask is empty.')
	return background.convert('RGB'), mask
