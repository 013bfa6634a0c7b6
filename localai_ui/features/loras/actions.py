"""What the LoRAs tab does to one LoRA: rename, delete (confirmed), and set its preview from an image."""

import os
from pathlib import Path

from PIL import Image

from localai_ui.database import loras_crud
from localai_ui.features.loras.library import LoraLibrary
from localai_ui.features.loras.scan import PREVIEWS_DIR
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.lora_library import LoraRecord
from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.safe_paths import checked_name, inside
from localai_ui.services.thumbnails import encode_thumbnail


class LoraActions:
	"""Changes to files go through safe_paths: a name never leaves the LoRA folder."""

	def __init__(self, library: LoraLibrary) -> None:
		self._library = library

	def rename(self, name: str, new_name: str) -> LoraRecord:
		"""Rename the file in its folder; the new name is what `<lora:...>` tags use from now on."""
		record = self._library.record(name)
		wanted = checked_name(new_name)
		source = inside(self._library.loras_dir, record.relative_path)
		relative = (Path(record.relative_path).parent / f'{wanted}{source.suffix}').as_posix()
		target = inside(self._library.loras_dir, relative)
		if target.exists() or self._library.find(wanted) is not None:
			raise InvalidRequestError(f'{wanted}: a LoRA of that name already exists')
		os.rename(source, target)
		with self._library.database.transaction() as session:
			return loras_crud.rename_lora(session, name=name, new_name=wanted, relative_path=relative)

	def delete(self, name: str, *, confirm: bool) -> None:
		"""Delete the LoRA's file, its preview and its row; `confirm` must be set."""
		if not confirm:
			raise InvalidRequestError(f'{name}: deleting removes the file from disk; confirm to go ahead')
		record = self._library.record(name)
		inside(self._library.loras_dir, record.relative_path).unlink(missing_ok=True)
		preview = self.preview_file(record)
		if preview is not None:
			preview.unlink(missing_ok=True)
		with self._library.database.transaction() as session:
			loras_crud.delete_lora(session, name=name)

	def set_preview(self, name: str, image_path: Path) -> LoraRecord:
		"""Store a small WEBP of `image_path` under `<loras_dir>/.previews/` as the LoRA's card picture."""
		record = self._library.record(name)
		try:
			with Image.open(image_path) as image:
				data = encode_thumbnail(image)
		except (OSError, ValueError, Image.DecompressionBombError) as error:
			raise InvalidRequestError(f'{image_path.name}: cannot be read as an image: {error}') from error
		relative = f'{PREVIEWS_DIR}/{record.id}.webp'
		write_atomic(inside(self._library.loras_dir, relative), data)
		with self._library.database.transaction() as session:
			return loras_crud.set_preview(session, name=name, preview_path=relative)

	def preview_file(self, record: LoraRecord) -> Path | None:
		"""The LoRA's preview image when it has one that exists."""
		if record.preview_path is None:
			return None
		path = inside(self._library.loras_dir, record.preview_path)
		return path if path.is_file() else None
