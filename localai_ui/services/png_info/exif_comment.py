"""The infotext of a JPEG or WEBP, in EXIF UserComment as A1111 writes it (piexif's "unicode": UTF-16 big-endian)."""

from PIL import Image

from localai_ui.services.png_info.container import EXIF_IFD, UNICODE_PREFIX, USER_COMMENT

# A JPEG holds EXIF in one APP1 segment of at most 65,535 bytes (its length field included).
MAX_JPEG_EXIF_BYTES = 65_533
TRUNCATED = ' [...]'


def user_comment(text: str) -> bytes:
	"""The UserComment value: 'UNICODE' and a NUL, then the text in UTF-16 big-endian."""
	return UNICODE_PREFIX + text.encode('utf-16-be', errors='surrogatepass')


def exif_with_comment(text: str, *, limit: int | None = None) -> bytes:
	"""EXIF bytes holding `text` as UserComment; with `limit`, the text is cut (marked ' [...]') until it fits."""
	exif = Image.Exif()
	comment, kept = text, len(text)
	while True:
		exif.get_ifd(EXIF_IFD)[USER_COMMENT] = user_comment(comment)
		data = exif.tobytes()
		if limit is None or len(data) <= limit:
			return data
		kept -= (len(data) - limit) // 2 + len(TRUNCATED) + 1  # two bytes a character, at least
		comment = text[: max(0, kept)] + TRUNCATED
