"""The history use cases the History tab and the API share: search, details, favourite, delete, export, reuse."""

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.database.errors import RecordNotFoundError
from localai_ui.features.history.export import write_export
from localai_ui.features.history.files import delete_with_row, resolve
from localai_ui.features.history.imports import import_untracked
from localai_ui.features.history.png_styles import style_library, with_library_styles
from localai_ui.features.history.presenter import settings_of
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.history import HistoryDetails, HistoryFilters, HistoryPage
from localai_ui.schemas.png_info import GenerationSettings, PngInfo
from localai_ui.services.png_info import read_png_info

PAGE_SIZE = 48
MAX_EXPORT = 1000


class HistoryService:
	"""Everything the History tab does, over the history database and the outputs folder."""

	def __init__(self, *, database: Database, outputs_dir: Path) -> None:
		self._database = database
		self._outputs_dir = outputs_dir

	@property
	def outputs_dir(self) -> Path:
		return self._outputs_dir

	def search(self, filters: HistoryFilters, page: int = 1, *, after: int | None = None) -> HistoryPage:
		"""One page (1-based) of images matching `filters`, newest run first.

		`after` is the id of the last image shown: the page is found by a seek from it (fast however deep), numbered
		`page`; when that image is gone, by its number.
		"""
		page = max(1, page)
		with self._database.transaction() as session:
			seek = database_service.image_position(session, image_id=after) if after is not None else None
			offset = 0 if seek is not None else (page - 1) * PAGE_SIZE
			items, has_next = database_service.search_images(
				session, filters=filters, limit=PAGE_SIZE, offset=offset, after=seek
			)
		return HistoryPage(tuple(items), page, has_next)

	def details(self, image_id: int) -> HistoryDetails:
		"""The image and its run; RecordNotFoundError names the id when it is gone."""
		with self._database.transaction() as session:
			found = database_service.get_image_details(session, image_id=image_id)
		if found is None:
			raise RecordNotFoundError(f'Image {image_id} is not in the history (deleted?)')
		return found

	def latest_image_id(self) -> int:
		with self._database.transaction() as session:
			return database_service.latest_image_id(session)

	def model_names(self) -> list[str]:
		with self._database.transaction() as session:
			return database_service.model_names(session)

	def full_path(self, relative: str) -> Path:
		return resolve(self._outputs_dir, relative)

	def set_favourite(self, image_id: int, favourite: bool) -> None:
		with self._database.transaction() as session:
			database_service.set_favourite(session, image_id=image_id, favourite=favourite)

	def delete_image(self, image_id: int) -> None:
		"""Delete the image file, its thumbnail and its row as one step (and the run's row with its last image)."""
		delete_with_row(self._database, self._outputs_dir, partial(_delete_row, image_id=image_id))

	def delete_generation(self, generation_id: int) -> int:
		"""Delete every image of a run, then the run; returns how many images went."""
		with self._database.transaction() as session:
			image_ids = database_service.image_ids_of(session, generation_id=generation_id)
		if not image_ids:
			raise RecordNotFoundError(f'Generation {generation_id} has no images in the history')
		for image_id in image_ids:
			self.delete_image(image_id)
		return len(image_ids)

	def export(self, image_ids: Sequence[int], folder: Path) -> Path:
		"""A ZIP in `folder` with the images and parameters.json / parameters.csv of their settings."""
		if not image_ids:
			raise InvalidRequestError('Select at least one image to export')
		if len(image_ids) > MAX_EXPORT:
			raise InvalidRequestError(f'{len(image_ids)} images selected; export at most {MAX_EXPORT} at a time')
		with self._database.transaction() as session:
			found = database_service.get_items(session, image_ids=list(image_ids))
		return write_export(found, self._outputs_dir, folder)

	def settings(self, image_id: int) -> GenerationSettings:
		return settings_of(self.details(image_id))

	def import_untracked(self, paths: Sequence[str]) -> tuple[int, list[str]]:
		"""Give files with no row (after a crash) their rows back, from the settings written in them."""
		return import_untracked(self._database, self._outputs_dir, paths)

	def read_png_info(self, path: Path) -> PngInfo:
		"""What the file says; its settings ready for Generate, the styles it names taken back out of its prompt."""
		return with_library_styles(read_png_info(path), style_library(self._database))


def _delete_row(session: Session, *, image_id: int) -> tuple[str, str | None]:
	return database_service.delete_image(session, image_id=image_id)
