"""Finished images as PNG (infotext in the 'parameters' chunk), JPEG or WEBP (infotext in EXIF UserComment)."""

import io

from PIL import Image

from localai_ui.schemas.app_settings import OutputFormat
from localai_ui.services.png_info.exif_comment import MAX_JPEG_EXIF_BYTES, exif_with_comment
from localai_ui.services.png_info.png_parameters import encode_png

EXTENSIONS: dict[OutputFormat, str] = {'PNG': 'png', 'JPEG': 'jpg', 'WEBP': 'webp'}


def encode_image(image: Image.Image, infotext: str, output_format: OutputFormat = 'PNG', quality: int = 90) -> bytes:
	"""The file's bytes; `quality` (1-100) applies to JPEG and WEBP, which A1111 and this app's PNG Info read back.

	JPEG keeps EXIF in one 64 KB segment: an infotext longer than about 32,000 characters is cut to fit there.
	"""
	if output_format == 'PNG':
		return encode_png(image, infotext)
	pixels = image if image.mode in ('RGB', 'L') else image.convert('RGB')
	buffer = io.BytesIO()
	if output_format == 'JPEG':
		exif = exif_with_comment(infotext, limit=MAX_JPEG_EXIF_BYTES)
		pixels.save(buffer, format='JPEG', quality=quality, exif=exif)
	else:
		pixels.save(buffer, format='WEBP', quality=quality, exif=exif_with_comment(infotext))
	return buffer.getvalue()
