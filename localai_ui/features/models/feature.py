"""The Models feature's long-lived parts, built once by the composition root, started and closed with the app."""

import re
from dataclasses import dataclass
from pathlib import Path

from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.database.engine import Database
from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.hasher import BackgroundHasher
from localai_ui.features.models.imports import ModelImports
from localai_ui.features.models.library import ModelLibrary
from localai_ui.services.downloads_jobs import DownloadJobs
from localai_ui.settings import Settings

_UNITS = {'': 1, 'b': 1, 'kb': 1024, 'mb': 1024**2, 'gb': 1024**3, 'tb': 1024**4}


def parse_size(text: str) -> int:
	"""'8gb', '512 MB', '1000' -> bytes (powers of 1024, as Gradio's max_file_size reads them)."""
	match = re.fullmatch(r'\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*', text.lower())
	if match is None:
		raise ValueError(f'{text!r}: a size looks like 8gb, 512mb or 1000000')
	return int(float(match.group(1)) * _UNITS[match.group(2)])


@dataclass(frozen=True)
class ModelsFeature:
	library: ModelLibrary
	actions: ModelActions
	imports: ModelImports
	hasher: BackgroundHasher

	def start(self) -> None:
		"""Scan the models folder now (so lists are ready) and hash in the background."""
		for folder in (self.library.vae_dir, *self.imports.import_dirs):
			folder.mkdir(parents=True, exist_ok=True)
		self.library.on_change(self.hasher.wake)
		self.hasher.start()
		self.library.refresh()

	def close(self) -> None:
		self.imports.jobs.close()
		self.hasher.close()


def build_models_feature(settings: Settings, database: Database, manager: PipelineManager) -> ModelsFeature:
	library = ModelLibrary(database=database, models_dir=settings.models_dir, vae_override=settings.vae)

	def downloaded(_: Path) -> None:
		library.refresh()

	jobs = DownloadJobs(on_finished=downloaded)
	imports = ModelImports(
		library, import_dirs=settings.import_dirs, max_upload_bytes=parse_size(settings.max_upload), jobs=jobs
	)
	hasher = BackgroundHasher(database, settings.models_dir)
	return ModelsFeature(library, ModelActions(library, manager), imports, hasher)
