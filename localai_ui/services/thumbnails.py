"""Small WEBP thumbnails made when an image is saved, so the History tab opens fast however many images there are."""

import io
from pathlib import Path, PurePosixPath

from PIL import Image

from localai_ui.services.atomic_files import write_atomic

THUMBNAILS_DIR = '.thumbs'
MAX_SIDE = 256
QUALITY = 80


def thumbnail_path_for(relative: str) -> str:
	"""Where the thumbnail of outputs/`relative` lives, relative to the outputs folder."""
	return (PurePosixPath(THUMBNAILS_DIR) / PurePosixPath(relative).with_suffix('.webp')).as_posix()


def encode_thumbnail(image: Image.Image) -> bytes:
	"""WEBP of at most MAX_SIDE px on the longer side; method 0 costs a few ms on one core."""
	small = image.convert('RGB')
	small.thumbnail((MAX_SIDE, MAX_SIDE))
	buffer = io.BytesIO()
	small.save(buffer, format='WEBP', quality=QUALITY, method=0)
	return buffer.getvalue()


def write_thumbnail(image: Image.Image, outputs_dir: Path, relative: str) -> str | None:
	"""Write the thumbnail of the image saved at outputs/`relative`; None when it could not be written.

	A missing thumbnail only costs speed (the History tab shows the full image), so it never fails a save.
	"""
	thumbnail = thumbnail_path_for(relative)
	try:
		write_atomic(outputs_dir / thumbnail, encode_thumbnail(image))
	except (OSError, ValueError):
		return None
	return thumbnail


def thumbnail_from_file(outputs_dir: Path, relative: str) -> str | None:
	"""The thumbnail of an image file already under outputs (imports); None when the file cannot be read."""
	try:
		with Image.open(outputs_dir / relative) as image:
			image.load()
			return write_thumbnail(image, outputs_dir, relative)
	except (OSError, ValueError, Image.DecompressionBombError):
		return None
