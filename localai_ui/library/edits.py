"""Changing one entry of a library: rename (with its sidecars), delete (confirmed), default, preview picture.

Names a user types go through safe_paths: a new name never leaves the entry's folder.
"""

import os
import shutil
from pathlib import Path
from typing import Generic

from PIL import Image

from localai_ui.database import crud as database_service
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset, D
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.safe_paths import checked_name, inside
from localai_ui.services.thumbnails import encode_thumbnail

PREVIEWS_DIR = '.previews'


class AssetEdits(Generic[D]):
	"""Writes to files and rows of one library; callers unload whatever holds a file before it moves."""

	def __init__(self, library: AssetLibrary[D]) -> None:
		self.library = library
		self._kind = library.spec.kind

	def rename(self, name: str, new_name: str) -> Asset[D]:
		"""Rename the file (or folder) and its sidecars in place; the new name is a plain name, extension kept."""
		library = self.library
		record = library.record(name)
		wanted = checked_name(new_name)
		source = inside(library.root, record.relative_path)
		suffix = '' if record.row.format == 'diffusers' else source.suffix
		folder = Path(record.relative_path).parent
		relative = (folder / f'{wanted}{suffix}').as_posix()
		target = inside(library.root, relative)
		new_display = library.spec.display_name(relative, record.row.format)
		if target.exists() or library.find(new_display) is not None:
			raise InvalidRequestError(f'{wanted}: a {library.spec.noun} of that name already exists')
		moves = [
			(side, side.with_name(wanted + side.name.removeprefix(source.stem)))
			for side in library.spec.sidecars(source)
		]
		os.rename(source, target)
		for old, new in moves:
			os.rename(old, new)
		with library.database.transaction() as session:
			row = database_service.rename_asset(
				session, kind=self._kind, name=name, new_name=new_display, relative_path=relative
			)
		return library.asset(row)

	def delete(self, name: str, *, confirm: bool) -> None:
		"""Delete the file (or folder), its sidecars, its preview and its row; `confirm` must be set."""
		if not confirm:
			raise InvalidRequestError(f'{name}: deleting removes the file from disk; confirm to go ahead')
		record = self.library.record(name)
		path = inside(self.library.root, record.relative_path)
		present = path.exists() or path.is_symlink()
		for item in [path, *self.library.spec.sidecars(path)] if present else []:
			if item.is_dir() and not item.is_symlink():
				shutil.rmtree(item)
			else:
				item.unlink()
		preview = self.preview_file(record)
		if preview is not None:
			preview.unlink(missing_ok=True)
		with self.library.database.transaction() as session:
			database_service.delete_asset(session, kind=self._kind, name=name)

	def set_default(self, name: str) -> Asset[D]:
		"""Make a usable entry the default of its kind (the model Generate preselects)."""
		record = self.library.record(name)
		if not record.usable:
			raise InvalidRequestError(f'{name} cannot be the default: {record.reason}')
		with self.library.database.transaction() as session:
			database_service.set_default(session, kind=self._kind, name=name)
		return self.library.record(name)

	def set_preview(self, name: str, image_path: Path) -> Asset[D]:
		"""Store a small WEBP of `image_path` under `<folder>/.previews/` as the entry's card picture."""
		record = self.library.record(name)
		try:
			with Image.open(image_path) as image:
				data = encode_thumbnail(image)
		except (OSError, ValueError, Image.DecompressionBombError) as error:
			raise InvalidRequestError(f'{image_path.name}: cannot be read as an image: {error}') from error
		relative = f'{PREVIEWS_DIR}/{self._kind.value}-{record.id}.webp'
		write_atomic(inside(self.library.root, relative), data)
		with self.library.database.transaction() as session:
			row = database_service.set_preview(session, kind=self._kind, name=name, preview_path=relative)
		return self.library.asset(row)

	def preview_file(self, record: Asset[D]) -> Path | None:
		"""The entry's preview picture when it has one that exists."""
		if record.row.preview_path is None:
			return None
		path = inside(self.library.root, record.row.preview_path)
		return path if path.is_file() else None
