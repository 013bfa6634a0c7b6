"""What the Models tab does to one model beyond the generic library edits: load, unload, choose its VAE; and the
edits that move a file (rename, delete) unload it first."""

from localai_ui.database import crud as database_service
from localai_ui.library.catalog import ModelCatalog
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.assets import Asset, AssetKind
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.engine import DeviceLine
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.models import CheckpointDetails, ModelInfo


class ModelActions:
	"""Anything held in memory is unloaded before its file moves or goes."""

	def __init__(self, shelf: Shelf[CheckpointDetails], catalog: ModelCatalog, manager: DeviceLine) -> None:
		self.shelf = shelf
		self.catalog = catalog
		self._manager = manager

	def load(self, name: str, cancel: CancelToken | None = None) -> ModelInfo:
		"""Load `name` onto the device through the manager (under the GPU lock; waits for a running job)."""
		info = self.catalog.info(self.shelf.library.record(name))
		self._manager.load(info, cancel or CancelToken())
		self.catalog.used(info)
		return info

	def unload(self, name: str | None = None) -> None:
		"""Free `name` (every model when None or empty) from RAM and the device."""
		if not name:
			self._manager.unload()
			return
		for cached in self._manager.cached_models:
			if cached.name == name:
				self._manager.unload(cached)

	def in_memory(self) -> list[ModelInfo]:
		return self._manager.cached_models

	def set_vae(self, name: str, vae: str | None) -> Asset[CheckpointDetails]:
		"""Use a VAE of the VAE library for `name` (None: the model's own); it must be usable."""
		if vae:
			chosen = self.catalog.vaes.record(vae)
			if not chosen.usable:
				raise InvalidRequestError(f'{vae} cannot be used: {chosen.reason}')
		library = self.shelf.library
		with library.database.transaction() as session:
			row = database_service.set_vae(session, kind=AssetKind.CHECKPOINT, name=name, vae=vae or None)
		self.unload(name)
		return library.asset(row)

	def rename(self, name: str, new_name: str) -> Asset[CheckpointDetails]:
		self.shelf.library.record(name)
		self.unload(name)
		return self.shelf.edits.rename(name, new_name)

	def delete(self, name: str, *, confirm: bool) -> None:
		if confirm:
			self.unload(name)
		self.shelf.edits.delete(name, confirm=confirm)
