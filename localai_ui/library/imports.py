"""Bringing files into a library: a local path (copy or hard link), a browser upload, an http(s) URL.

Every way in ends with a file its kind has validated under the library folder, and a refreshed library.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Generic

from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.assets import Asset, D
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.downloads.download import file_name_from_url
from localai_ui.services.downloads.jobs import DownloadJobs, DownloadStatus
from localai_ui.services.downloads.partials import PartialDownload, discard_partial, list_partials
from localai_ui.services.file_intake import PARTIAL_SUFFIX, ImportMode, accept_upload, transfer
from localai_ui.services.safe_paths import checked_name, inside, inside_any


class AssetImports(Generic[D]):
	"""Imports into one library; downloads run in the background on `jobs` and refresh the library when done."""

	def __init__(
		self, library: AssetLibrary[D], *, import_dirs: Sequence[Path], max_upload_bytes: int, jobs: DownloadJobs
	) -> None:
		self.library = library
		self.import_dirs = tuple(import_dirs)
		self.max_upload_bytes = max_upload_bytes
		self.jobs = jobs

	def import_path(self, user_path: str, mode: ImportMode = 'copy') -> Asset[D]:
		"""Copy (or hard-link, to save disk) a file, or a diffusers folder, from an import folder into the library."""
		spec = self.library.spec
		if not self.import_dirs:
			raise InvalidRequestError('no import folder is configured: start the app with --import-dir FOLDER')
		source = inside_any(self.import_dirs, user_path)
		if source.is_dir() and not (spec.folders and spec.is_folder_entry(source)):
			what = 'a diffusers model folder (with model_index.json)' if spec.folders else 'one .safetensors file'
			raise InvalidRequestError(f'{source.name}: a {spec.noun} to import is {what}, not a folder')
		spec.validate(source)
		target = self._free_target(source.name)
		for item in [source, *spec.sidecars(source)]:
			transfer(item, target.with_name(target.stem + item.name.removeprefix(source.stem)), mode, spec.folder_noun)
		return self._added(target)

	def save_upload(self, uploaded: Path, file_name: str) -> Asset[D]:
		"""Move a browser upload (Gradio streamed it to a temp file) into the library once it checks out."""
		target = accept_upload(
			uploaded,
			file_name,
			max_bytes=self.max_upload_bytes,
			validate=self.library.spec.validate,
			target_for=self._free_target,
		)
		return self._added(target)

	def start_download(self, url: str, sha256: str | None = None) -> DownloadStatus:
		"""Download in the background; poll `jobs.status(id)`. The file appears once complete and validated."""
		target = self._free_target(file_name_from_url(url))
		return self.jobs.start(url.strip(), target, (sha256 or '').strip() or None)

	def partial_downloads(self) -> list[PartialDownload]:
		"""The `.part` files in the folder that no download is writing now: each can be discarded, most resumed."""
		return [part for part in list_partials(self.library.root) if not self.jobs.running(part.name)]

	def resume_download(self, name: str) -> DownloadStatus:
		"""Continue the partial download of `name` from the bytes already on disk (a Range request)."""
		part = self._partial(name)
		if part.url is None:
			raise InvalidRequestError(f'{part.name}: where it came from is not known; discard it and download it again')
		return self.jobs.start(part.url, self._free_target(part.name), part.sha256)

	def discard_download(self, name: str) -> None:
		"""Delete the partial download of `name` and give its disk space back."""
		part = self._partial(name)
		discard_partial(inside(self.library.root, part.name))

	def _partial(self, name: str) -> PartialDownload:
		wanted = checked_name(name.removesuffix(PARTIAL_SUFFIX))
		if self.jobs.running(wanted):
			raise InvalidRequestError(f'{wanted} is being downloaded now: cancel it first')
		found = next((part for part in list_partials(self.library.root) if part.name == wanted), None)
		if found is None:
			raise InvalidRequestError(
				f'{wanted}: no partial download of that name in the {self.library.spec.folder_noun}'
			)
		return found

	def _free_target(self, name: str) -> Path:
		target = inside(self.library.root, checked_name(name))
		if target.exists():
			raise InvalidRequestError(f'{name}: a file of that name is already in the {self.library.spec.folder_noun}')
		return target

	def _added(self, target: Path) -> Asset[D]:
		relative = target.relative_to(self.library.root.resolve()).as_posix()
		return next(record for record in self.library.refresh() if record.relative_path == relative)
