"""Style previews: one small picture per style, in the data folder's style_previews/, gone with its style.

A file is named by its style and content (`<id>-<sha>.webp`), so a new picture never reuses a cached name. A file
replaced or deleted goes after `grace_s` seconds, so a page still showing its card never asks for a vanished file;
files no style names (left by a stop within the grace) go at the next start.
"""

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PIL import Image

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.styles import StyleRecord
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.safe_paths import inside
from localai_ui.services.thumbnails import encode_thumbnail

STYLE_PREVIEWS_DIR = 'style_previews'
PLAIN_TILE = 'plain-tile.webp'
TILE_SIDE = 96
TILE_GREY = (128, 128, 136)


def default_previews_dir(database: Database) -> Path:
	"""The data folder's style_previews/: the folder the database file lives in."""
	return Path(database.engine.url.database or '.').resolve().parent / STYLE_PREVIEWS_DIR


def readable(path: Path) -> bool:
	"""Whether `path` is a picture file (its header is read, not the pixels): a missing or broken one is skipped."""
	try:
		with Image.open(path):
			return True
	except (OSError, ValueError, Image.DecompressionBombError):
		return False


class StylePreviews:
	"""Writes, finds and removes the preview files; the database row says which file is a style's."""

	def __init__(self, database: Database, folder: Path, now: Callable[[], datetime]) -> None:
		self._database = database
		self.folder = folder
		self._now = now
		self.grace_s = 0.0  # the app sets a few seconds; 0 removes at once
		self._remove_orphans()

	def set_image(self, style: StyleRecord, image: Image.Image) -> Path:
		"""Store a small WEBP of `image` as the style's preview (atomically) and remove the one it replaces."""
		data = encode_thumbnail(image)
		name = f'{style.id}-{hashlib.sha256(data).hexdigest()[:16]}.webp'
		target = inside(self.folder, name)
		write_atomic(target, data)
		with self._database.transaction() as session:
			old = database_service.set_style_preview(session, style_id=style.id, file_name=name, now=self._now())
		if old != name:
			self.remove_file(old)
		return target

	def set_from_file(self, style: StyleRecord, image_path: Path) -> Path:
		"""The picture in `image_path` (History's selected image) becomes the style's preview."""
		try:
			with Image.open(image_path) as image:
				image.load()
				return self.set_image(style, image)
		except (OSError, ValueError, Image.DecompressionBombError) as error:
			raise InvalidRequestError(f'{image_path.name}: cannot be read as an image: {error}') from error

	def files(self) -> dict[int, Path]:
		"""The preview file of each style that has one; a file gone from disk is left out (the card is plain)."""
		with self._database.transaction() as session:
			names = database_service.style_preview_files(session)
		return {style_id: self.folder / name for style_id, name in names.items() if readable(self.folder / name)}

	def plain_tile(self) -> Path:
		"""The grey tile of a style without a preview, written once."""
		tile = self.folder / PLAIN_TILE
		if not readable(tile):
			write_atomic(tile, encode_thumbnail(Image.new('RGB', (TILE_SIDE, TILE_SIDE), TILE_GREY)))
		return tile

	def file_name(self, style: StyleRecord) -> str | None:
		"""The name of the style's preview file as recorded (read before the style's row goes)."""
		with self._database.transaction() as session:
			return database_service.style_preview_files(session).get(style.id)

	def remove_file(self, name: str | None) -> None:
		"""Remove one preview file (None: the style had none) now or after the grace; one already gone is fine."""
		if name is None:
			return
		path = inside(self.folder, name)
		if self.grace_s <= 0:
			path.unlink(missing_ok=True)
			return
		timer = threading.Timer(self.grace_s, lambda: path.unlink(missing_ok=True))
		timer.daemon = True
		timer.start()

	def _remove_orphans(self) -> None:
		if not self.folder.is_dir():
			return
		with self._database.transaction() as session:
			named = set(database_service.style_preview_files(session).values())
		for path in self.folder.glob('*.webp'):
			if path.name not in named and path.name != PLAIN_TILE:
				path.unlink(missing_ok=True)
