"""Bringing models in: a local path (copy or hard link), a browser upload, an http(s) URL, a Hugging Face repo."""

from collections.abc import Sequence
from pathlib import Path

from localai_ui.features.models.library import ModelLibrary
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.models import ModelRecord
from localai_ui.services.downloads import file_name_from_url
from localai_ui.services.downloads_jobs import DownloadJobs, DownloadStatus
from localai_ui.services.file_intake import ImportMode, accept_upload, transfer
from localai_ui.services.model_files_errors import ModelFileError
from localai_ui.services.model_files_sidecar import sidecar_paths
from localai_ui.services.safe_paths import checked_name, inside, inside_any
from localai_ui.services.safetensors_header import read_header


class ModelImports:
	"""Every way in ends with a validated file under the models folder and a refreshed library."""

	def __init__(
		self, library: ModelLibrary, *, import_dirs: Sequence[Path], max_upload_bytes: int, jobs: DownloadJobs
	) -> None:
		self._library = library
		self.import_dirs = tuple(import_dirs)
		self._max_upload = max_upload_bytes
		self.jobs = jobs

	def import_path(self, user_path: str, mode: ImportMode = 'copy') -> ModelRecord:
		"""Copy (or hard-link, to save disk) a file or diffusers folder from an import folder into the library."""
		if not self.import_dirs:
			raise InvalidRequestError('no import folder is configured: start the app with --import-dir FOLDER')
		source = inside_any(self.import_dirs, user_path)
		if source.is_dir():
			if not (source / 'model_index.json').is_file():
				raise ModelFileError(f'{source.name}: a folder must be a diffusers model (with model_index.json)')
		else:
			read_header(source)
		target = self._free_target(source.name)
		for item in [source, *sidecar_paths(source)]:
			transfer(item, target.with_name(target.stem + item.name.removeprefix(source.stem)), mode)
		return self._added(target)

	def save_upload(self, uploaded: Path, file_name: str) -> ModelRecord:
		"""Move a browser upload (Gradio streamed it to a temp file) into the library once it checks out."""
		target = accept_upload(
			uploaded, file_name, max_bytes=self._max_upload, validate=read_header, target_for=self._free_target
		)
		return self._added(target)

	def start_download(self, url: str, sha256: str | None = None) -> DownloadStatus:
		"""Download in the background; poll `jobs.status(id)`. The model appears once complete and checked."""
		target = self._free_target(file_name_from_url(url))
		return self.jobs.start(url.strip(), target, (sha256 or '').strip() or None)

	def _free_target(self, name: str) -> Path:
		target = inside(self._library.models_dir, checked_name(name))
		if target.exists():
			raise InvalidRequestError(f'{name}: a file of that name is already in the models folder')
		return target

	def _added(self, target: Path) -> ModelRecord:
		relative = target.relative_to(self._library.models_dir.resolve()).as_posix()
		records = self._library.refresh()
		return next(record for record in records if record.relative_path == relative)
