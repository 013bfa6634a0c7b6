"""Every library the app has, built once by the composition root: one shelf (library, edits, imports) per kind."""

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic

from localai_ui.database.engine import Database
from localai_ui.library.catalog import ModelCatalog
from localai_ui.library.edits import AssetEdits
from localai_ui.library.hasher import BackgroundHasher
from localai_ui.library.imports import AssetImports
from localai_ui.library.kind import KindSpec
from localai_ui.library.kinds.checkpoints import CheckpointKind
from localai_ui.library.kinds.embeddings import EmbeddingKind
from localai_ui.library.kinds.loras import LoraKind
from localai_ui.library.kinds.upscalers import UpscalerKind
from localai_ui.library.kinds.vaes import VaeKind
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import D, NoDetails
from localai_ui.schemas.engine import UpscalerReader
from localai_ui.schemas.loras import LoraDetails
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.schemas.prompts import EmbeddingDetails
from localai_ui.schemas.upscalers import UpscalerDetails
from localai_ui.services.downloads.jobs import DownloadJobs


@dataclass(frozen=True)
class LibraryFolders:
	"""Where each kind lives (flags decide) and where imports by path may come from."""

	checkpoints: Path
	loras: Path
	embeddings: Path
	vaes: Path
	upscalers: Path
	import_dirs: tuple[Path, ...] = ()
	max_upload_bytes: int = 8 * 1024**3
	vae_override: Path | None = None


@dataclass(frozen=True)
class Shelf(Generic[D]):
	"""One kind's library, its edits and its imports."""

	library: AssetLibrary[D]
	edits: AssetEdits[D]
	imports: AssetImports[D]


@dataclass
class Libraries:
	checkpoints: Shelf[CheckpointDetails]
	loras: Shelf[LoraDetails]
	embeddings: Shelf[EmbeddingDetails]
	vaes: Shelf[NoDetails]
	upscalers: Shelf[UpscalerDetails]
	hasher: BackgroundHasher
	catalog: ModelCatalog
	_upscalers_scan: threading.Thread = field(init=False, repr=False)

	def __post_init__(self) -> None:
		self._upscalers_scan = threading.Thread(
			target=self.upscalers.library.refresh, name='localai-upscalers-scan', daemon=True
		)

	def start(self) -> None:
		"""Scan every folder and hash in the background. Checkpoints, LoRAs, embeddings and VAEs are scanned now (so
		lists are ready); upscalers on a thread, as identifying a new one needs spandrel, which loads with the engine
		(their list shows what the last scan found until then)."""
		self.hasher.start()
		for shelf in (self.checkpoints, self.loras, self.embeddings, self.vaes, self.upscalers):
			shelf.library.on_change(self.hasher.wake)
		for shelf in (self.checkpoints, self.loras, self.embeddings, self.vaes):
			shelf.library.refresh()
		self._upscalers_scan.start()

	def wait_scanned(self, timeout: float | None = None) -> bool:
		"""Wait for the upscalers' first scan; True once it is done."""
		self._upscalers_scan.join(timeout)
		return not self._upscalers_scan.is_alive()

	def close(self) -> None:
		for shelf in (self.checkpoints, self.loras, self.embeddings, self.vaes, self.upscalers):
			shelf.imports.jobs.close()
		self.hasher.close()


def _shelf(database: Database, root: Path, spec: KindSpec[D], folders: LibraryFolders) -> Shelf[D]:
	library = AssetLibrary(database=database, root=root, spec=spec)

	def downloaded(_: Path) -> None:
		library.refresh()

	jobs = DownloadJobs(on_finished=downloaded, validate=spec.validate)
	imports = AssetImports(
		library, import_dirs=folders.import_dirs, max_upload_bytes=folders.max_upload_bytes, jobs=jobs
	)
	return Shelf(library, AssetEdits(library), imports)


def build_libraries(database: Database, folders: LibraryFolders, read_upscaler: UpscalerReader) -> Libraries:
	"""`read_upscaler` identifies an upscaler file (spandrel, through the engine)."""
	checkpoints = _shelf(database, folders.checkpoints, CheckpointKind(), folders)
	loras = _shelf(database, folders.loras, LoraKind(), folders)
	embeddings = _shelf(database, folders.embeddings, EmbeddingKind(), folders)
	vaes = _shelf(database, folders.vaes, VaeKind(), folders)
	upscalers = _shelf(database, folders.upscalers, UpscalerKind(read_upscaler), folders)
	libraries = [checkpoints.library, loras.library, embeddings.library, vaes.library, upscalers.library]
	hasher = BackgroundHasher(database, libraries)
	catalog = ModelCatalog(checkpoints.library, vaes.library, folders.vae_override)
	return Libraries(checkpoints, loras, embeddings, vaes, upscalers, hasher, catalog)
