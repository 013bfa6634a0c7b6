"""Pictures over the API as A1111 sends them: base64, with or without a `data:image/...;base64,` prefix."""

import base64
import binascii
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from localai_ui.sdapi.errors import field_error
from localai_ui.services.input_images import MAX_INPUT_PIXELS

URL_PREFIXES = ('http://', 'https://')


def image_bytes(text: str, field: str) -> bytes:
	"""The file bytes a base64 value carries; a URL is refused (this server fetches nothing)."""
	value = text.strip()
	if value.startswith(URL_PREFIXES):
		raise field_error(field, 'send the picture itself as base64: this server does not fetch URLs', value[:200])
	if value.startswith('data:'):
		value = value.partition(',')[2]
	try:
		return base64.b64decode(value, validate=False)
	except (binascii.Error, ValueError) as error:
		raise field_error(field, f'not base64 data: {error}') from error


def decode_image(text: str, field: str) -> Image.Image:
	"""The picture a base64 value carries, fully read; a value that is no picture, or too many pixels, names `field`."""
	data = image_bytes(text, field)
	try:
		with Image.open(io.BytesIO(data)) as opened:
			if opened.width * opened.height > MAX_INPUT_PIXELS:
				raise field_error(field, f'the picture is {opened.width}x{opened.height}: too many pixels')
			opened.load()
			return opened.copy()
	except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
		raise field_error(field, 'not a picture this app can read (PNG, JPEG or WEBP as base64)') from error


def file_base64(path: Path) -> str:
	"""A saved image file as base64, exactly as written (its format and its infotext included)."""
	return base64.b64encode(path.read_bytes()).decode('ascii')


def png_base64(image: Image.Image) -> str:
	"""A picture as base64 PNG (live previews)."""
	buffer = io.BytesIO()
	image.save(buffer, format='PNG', compress_level=1)
	return base64.b64encode(buffer.getvalue()).decode('ascii')
