"""The model library: the models folder mirrored in SQLite, rescanned incrementally, queried by the other tabs."""

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from localai_ui.database import models_crud
from localai_ui.database.engine import Database
from localai_ui.database.models_convert import ScannedModel
from localai_ui.schemas.errors import NoModelError
from localai_ui.schemas.models import ModelInfo, ModelRecord
from localai_ui.services.model_files import VAE_FOLDER, ModelFile, inspect_model_file, list_model_files, resolve_config

Listener = Callable[[], None]


def display_name(file: ModelFile) -> str:
	"""A folder's name, or a file's name without .safetensors: what A1111 shows too."""
	name = Path(file.relative)
	return name.as_posix() if file.format == 'diffusers' else name.with_suffix('').as_posix()


class ModelLibrary:
	"""Rows for every candidate under `models_dir`; only status 'ok' rows reach the Generate tab."""

	def __init__(self, *, database: Database, models_dir: Path, vae_override: Path | None = None) -> None:
		self.database = database
		self.models_dir = models_dir
		self.vae_dir = models_dir / VAE_FOLDER
		self._vae_override = vae_override
		self._lock = threading.Lock()
		self._listeners: list[Listener] = []

	def on_change(self, listener: Listener) -> None:
		"""Call `listener` after each scan (the background hasher wakes up then)."""
		self._listeners.append(listener)

	def refresh(self, *, full: bool = False) -> list[ModelRecord]:
		"""Scan the folder: new files appear, missing ones are flagged, changed ones are re-read (and rehashed).

		Unchanged entries are not opened again unless `full`; a sidecar edit needs a full refresh.
		"""
		with self._lock:
			files = list_model_files(self.models_dir)
			known = {record.relative_path: record for record in self.records()}
			now = datetime.now(UTC)
			with self.database.transaction() as session:
				for file in files:
					record = known.get(file.relative)
					if full or record is None or record.status == 'missing' or _changed(record, file):
						models_crud.upsert_scanned(session, scanned=_scanned(file), now=now)
				models_crud.mark_missing(session, present={file.relative for file in files})
		for listener in self._listeners:
			listener()
		return self.records()

	def records(self) -> list[ModelRecord]:
		with self.database.transaction() as session:
			return models_crud.list_models(session)

	def record(self, name: str) -> ModelRecord:
		found = self.find(name)
		if found is None:
			raise NoModelError(f'Model {name!r} is not in the library ({self.models_dir}); press Refresh')
		return found

	def find(self, name: str) -> ModelRecord | None:
		with self.database.transaction() as session:
			return models_crud.get_model(session, name=name)

	def path_of(self, record: ModelRecord) -> Path:
		return self.models_dir / record.relative_path

	def info(self, record: ModelRecord) -> ModelInfo:
		"""What the pipeline manager loads; a model that cannot load says why."""
		if record.status != 'ok' or record.architecture is None:
			raise NoModelError(f'{record.name} cannot be loaded: {record.problem or record.status}')
		path = self.path_of(record)
		vae = self.vae_dir / record.vae if record.vae else self._vae_override
		return ModelInfo(
			name=record.name,
			path=path,
			architecture=record.architecture,
			format='diffusers' if record.format == 'diffusers' else 'safetensors',
			hash=record.autov2,
			sha256=record.sha256,
			config_dir=resolve_config(path, record.config),
			vae=vae,
		)

	def list_models(self) -> list[ModelInfo]:
		"""Every loadable model, by name, after a quick incremental scan (the Generate tab's list)."""
		return [self.info(record) for record in self.refresh() if record.status == 'ok']

	def default_model(self) -> ModelInfo | None:
		"""The model marked default, else the first loadable one."""
		loadable = [record for record in self.records() if record.status == 'ok']
		chosen = next((record for record in loadable if record.is_default), loadable[0] if loadable else None)
		return None if chosen is None else self.info(chosen)

	def model_used(self, info: ModelInfo) -> None:
		with self.database.transaction() as session:
			models_crud.touch_last_used(session, name=info.name, when=datetime.now(UTC))

	def vae_files(self) -> list[str]:
		"""The .safetensors files in the VAE folder, relative to it."""
		if not self.vae_dir.is_dir():
			return []
		return sorted(path.relative_to(self.vae_dir).as_posix() for path in self.vae_dir.rglob('*.safetensors'))


def _changed(record: ModelRecord, file: ModelFile) -> bool:
	return record.size != file.size or record.mtime != file.mtime


def _scanned(file: ModelFile) -> ScannedModel:
	inspection = inspect_model_file(file)
	return ScannedModel(
		relative_path=file.relative,
		name=display_name(file),
		format=file.format,
		architecture=inspection.architecture,
		config=inspection.config,
		status=inspection.status,
		problem=inspection.problem,
		size=file.size,
		mtime=file.mtime,
		metadata=inspection.metadata,
	)
