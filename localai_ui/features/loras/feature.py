"""The LoRAs feature's long-lived parts, built once by the composition root, started and closed with the app."""

import contextlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from localai_ui.database.engine import Database
from localai_ui.features.loras.actions import LoraActions
from localai_ui.features.loras.imports import LoraImports
from localai_ui.features.loras.library import LoraLibrary
from localai_ui.features.loras.resolve import LibraryLoras
from localai_ui.features.models.feature import parse_size
from localai_ui.schemas.errors import LocalAIError
from localai_ui.services.downloads_jobs import DownloadJobs
from localai_ui.services.lora_files import inspect_lora
from localai_ui.settings import Settings


@dataclass
class LorasFeature:
	library: LoraLibrary
	actions: LoraActions
	imports: LoraImports
	resolver: LibraryLoras
	_scan: threading.Thread | None = field(default=None, init=False)

	def start(self) -> None:
		"""Scan the LoRA folder on a thread: the first scan hashes every file, later ones only changed files."""
		self._scan = threading.Thread(target=self._first_scan, name='localai-lora-scan', daemon=True)
		self._scan.start()

	def wait_for_scan(self, timeout_s: float = 30.0) -> None:
		if self._scan is not None:
			self._scan.join(timeout_s)

	def close(self) -> None:
		self.imports.jobs.close()
		self.wait_for_scan()

	def _first_scan(self) -> None:
		with contextlib.suppress(LocalAIError):  # the LoRAs tab's Refresh shows the error when it happens again
			self.library.refresh()


def build_loras_feature(settings: Settings, database: Database) -> LorasFeature:
	library = LoraLibrary(database=database, loras_dir=settings.loras_dir)

	def downloaded(_: Path) -> None:
		library.refresh()

	jobs = DownloadJobs(on_finished=downloaded, validate=inspect_lora)
	imports = LoraImports(
		library, import_dirs=settings.import_dirs, max_upload_bytes=parse_size(settings.max_upload), jobs=jobs
	)
	return LorasFeature(library, LoraActions(library), imports, LibraryLoras(library))
