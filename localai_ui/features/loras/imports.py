"""Bringing LoRAs in: a local path (copy or hard link), a browser upload, an http(s) URL; each is inspected first."""

from collections.abc import Sequence
from pathlib import Path

from localai_ui.features.loras.library import LoraLibrary
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.lora_library import LoraRecord
from localai_ui.services.downloads import file_name_from_url
from localai_ui.services.downloads_jobs import DownloadJobs, DownloadStatus
from localai_ui.services.file_intake import ImportMode, accept_upload, transfer
from localai_ui.services.lora_files import inspect_lora
from localai_ui.services.safe_paths import checked_name, inside, inside_any
from localai_ui.services.safetensors_sniff import refuse_pickle

LORA_FOLDER = 'LoRA folder'


class LoraImports:
	"""Every way in ends with a file that reads as a LoRA under the LoRA folder, and a refreshed library."""

	def __init__(
		self, library: LoraLibrary, *, import_dirs: Sequence[Path], max_upload_bytes: int, jobs: DownloadJobs
	) -> None:
		self._library = library
		self.import_dirs = tuple(import_dirs)
		self._max_upload = max_upload_bytes
		self.jobs = jobs

	def import_path(self, user_path: str, mode: ImportMode = 'copy') -> LoraRecord:
		"""Copy (or hard-link) a LoRA file from an import folder into the LoRA folder."""
		if not self.import_dirs:
			raise InvalidRequestError('no import folder is configured: start the app with --import-dir FOLDER')
		source = inside_any(self.import_dirs, user_path)
		if source.is_dir():
			raise InvalidRequestError(f'{source.name}: a LoRA is one .safetensors file, not a folder')
		refuse_pickle(source)
		inspect_lora(source)
		target = self._free_target(source.name)
		transfer(source, target, mode, LORA_FOLDER)
		return self._added(target)

	def save_upload(self, uploaded: Path, file_name: str) -> LoraRecord:
		"""Move a browser upload into the LoRA folder once it reads as a LoRA."""
		target = accept_upload(
			uploaded, file_name, max_bytes=self._max_upload, validate=inspect_lora, target_for=self._free_target
		)
		return self._added(target)

	def start_download(self, url: str, sha256: str | None = None) -> DownloadStatus:
		"""Download in the background; poll `jobs.status(id)`. The LoRA appears once complete and inspected."""
		target = self._free_target(file_name_from_url(url))
		return self.jobs.start(url.strip(), target, (sha256 or '').strip() or None)

	def _free_target(self, name: str) -> Path:
		target = inside(self._library.loras_dir, checked_name(name))
		if target.exists():
			raise InvalidRequestError(f'{name}: a file of that name is already in the LoRA folder')
		return target

	def _added(self, target: Path) -> LoraRecord:
		relative = target.relative_to(self._library.loras_dir.resolve()).as_posix()
		return next(record for record in self._library.refresh() if record.relative_path == relative)
