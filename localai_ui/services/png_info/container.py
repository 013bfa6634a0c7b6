"""The text an image file carries (PNG text chunks, JPEG comment, EXIF UserComment), read with bounds."""

import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from localai_ui.schemas.errors import InvalidRequestError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 1024 * 1024
EXIF_IFD = 0x8769
USER_COMMENT = 0x9286
UNICODE_PREFIX = b'UNICODE\x00'
ASCII_PREFIX = b'ASCII\x00\x00\x00'


def decode_user_comment(data: bytes) -> str | None:
	"""EXIF UserComment as A1111 writes it (piexif 'unicode': UTF-16, big-endian, some tools little-endian)."""
	if data.startswith(UNICODE_PREFIX):
		body = data[len(UNICODE_PREFIX) :]
		big_endian = body[:1] == b'\x00' or (len(body) > 1 and body[1:2] != b'\x00')
		return body.decode('utf-16-be' if big_endian else 'utf-16-le', errors='replace').rstrip('\x00')
	body = data.removeprefix(ASCII_PREFIX).rstrip(b'\x00')
	return body.decode('utf-8', errors='replace') or None


def _texts(image: Image.Image) -> dict[str, str]:
	found: dict[str, str] = {}
	for key, value in image.info.items():
		if isinstance(value, bytes) and key == 'comment':
			value = value.decode('utf-8', errors='replace')
		if isinstance(value, str) and value:
			found[str(key)] = value[:MAX_TEXT_CHARS]
	comment = image.getexif().get_ifd(EXIF_IFD).get(USER_COMMENT)
	if isinstance(comment, bytes):
		text = decode_user_comment(comment[: MAX_TEXT_CHARS * 2])
		if text:
			found.setdefault('parameters', text)
	return found


def read_texts(source: Path | bytes) -> dict[str, str]:
	"""Every text entry of the image, each at most MAX_TEXT_CHARS; InvalidRequestError for non-images or huge files."""
	label = source.name if isinstance(source, Path) else 'the uploaded data'
	size = source.stat().st_size if isinstance(source, Path) else len(source)
	if size > MAX_FILE_BYTES:
		raise InvalidRequestError(f'{label}: {size:,} bytes is over the {MAX_FILE_BYTES // 2**20} MB limit')
	try:
		with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as image:
			if image.format not in ('PNG', 'JPEG', 'WEBP'):
				raise InvalidRequestError(f'{label}: a {image.format} file; PNG Info reads PNG, JPEG and WEBP')
			return _texts(image)
	except (UnidentifiedImageError, Image.DecompressionBombError) as error:
		raise InvalidRequestError(f'{label}: not a PNG, JPEG or WEBP image this app can read') from error
	except (OSError, ValueError, SyntaxError) as error:
		raise InvalidRequestError(f'{label}: the image is damaged ({error})') from error
