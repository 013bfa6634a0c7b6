"""What the Models tab does to one model: load, unload, set default, choose its VAE, rename, delete."""

import os
import shutil
from pathlib import Path

from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.database import models_crud
from localai_ui.features.models.library import ModelLibrary
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.models import ModelInfo, ModelRecord
from localai_ui.services.model_files_sidecar import sidecar_paths
from localai_ui.services.safe_paths import checked_name, inside
from localai_ui.services.safetensors_header import read_header


class ModelActions:
	"""Changes to files go through safe_paths; anything held in memory is unloaded before its file moves."""

	def __init__(self, library: ModelLibrary, manager: PipelineManager) -> None:
		self._library = library
		self._manager = manager

	def load(self, name: str, cancel: CancelToken | None = None) -> ModelInfo:
		"""Load `name` onto the device through the manager (under the GPU lock; waits for a running job)."""
		info = self._library.info(self._library.record(name))
		self._manager.load(info, cancel or CancelToken())
		self._library.model_used(info)
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

	def set_default(self, name: str) -> ModelRecord:
		record = self._library.record(name)
		self._library.info(record)
		with self._library.database.transaction() as session:
			models_crud.set_default(session, name=name)
		return self._library.record(name)

	def set_vae(self, name: str, vae: str | None) -> ModelRecord:
		"""Use a VAE from the VAE folder for `name` (None: the model's own); the file is validated first."""
		if vae:
			read_header(inside(self._library.vae_dir, vae))
		with self._library.database.transaction() as session:
			models_crud.set_vae(session, name=name, vae=vae or None)
		self.unload(name)
		return self._library.record(name)

	def rename(self, name: str, new_name: str) -> ModelRecord:
		"""Rename the file (or folder) and its sidecars; the new name is a plain name in the same folder."""
		record = self._library.record(name)
		wanted = checked_name(new_name)
		inside(self._library.models_dir, record.relative_path)
		source = self._library.path_of(record)
		suffix = '' if record.format == 'diffusers' else source.suffix
		relative = (Path(record.relative_path).parent / f'{wanted}{suffix}').as_posix()
		target = inside(self._library.models_dir, relative)
		if target.exists() or self._library.find(wanted) is not None:
			raise InvalidRequestError(f'{wanted}: a model of that name already exists')
		self.unload(name)
		moves = [(side, side.with_name(wanted + side.suffix)) for side in sidecar_paths(source)]
		os.rename(source, target)
		for old, new in moves:
			os.rename(old, new)
		with self._library.database.transaction() as session:
			models_crud.rename_model(session, name=name, new_name=wanted, relative_path=relative)
		return self._library.record(wanted)

	def delete(self, name: str, *, confirm: bool) -> None:
		"""Delete the model's file (or folder), its sidecars and its row; `confirm` must be set."""
		if not confirm:
			raise InvalidRequestError(f'{name}: deleting removes the file from disk; confirm to go ahead')
		record = self._library.record(name)
		inside(self._library.models_dir, record.relative_path)
		path = self._library.path_of(record)
		self.unload(name)
		for item in [path, *sidecar_paths(path)] if path.exists() or path.is_symlink() else []:
			if item.is_dir() and not item.is_symlink():
				shutil.rmtree(item)
			else:
				item.unlink()
		with self._library.database.transaction() as session:
			models_crud.delete_model(session, name=name)
