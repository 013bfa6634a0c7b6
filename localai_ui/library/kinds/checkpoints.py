"""Checkpoints: single .safetensors files (A1111/Civitai layout) and diffusers folders, with their sidecars."""

from pathlib import Path, PurePosixPath

from localai_ui.library.kind import Inspection, KindSpec
from localai_ui.schemas.assets import AssetFormat, AssetKind
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.services.checkpoint_files.folder import INDEX_FILE, folder_family, refuse_folder_pickles
from localai_ui.services.checkpoint_files.inspect import inspect_checkpoint
from localai_ui.services.checkpoint_files.sidecar import SIDECAR_FOLDER_SUFFIX, sidecar_paths
from localai_ui.services.safetensors.header import read_header

OLD_VAE_FOLDER = 'vae'  # earlier versions kept VAEs inside the models folder; never list them as checkpoints


class CheckpointKind(KindSpec[CheckpointDetails]):
	kind = AssetKind.CHECKPOINT
	noun = 'model'
	folder_noun = 'models folder'
	details_type = CheckpointDetails
	folders = True

	def is_folder_entry(self, path: Path) -> bool:
		return (path / INDEX_FILE).is_file()

	def skips(self, relative: str) -> bool:
		return relative.endswith(SIDECAR_FOLDER_SUFFIX) or relative.casefold() == OLD_VAE_FOLDER

	def inspect(self, path: Path, file_format: AssetFormat) -> Inspection[CheckpointDetails]:
		found = inspect_checkpoint(path, is_folder=file_format == 'diffusers')
		return Inspection(found.family, found.details, found.metadata)

	def display_name(self, relative: str, file_format: AssetFormat) -> str:
		"""A folder's path, or a file's path without .safetensors: what A1111 shows too."""
		return relative if file_format == 'diffusers' else PurePosixPath(relative).with_suffix('').as_posix()

	def sidecars(self, path: Path) -> list[Path]:
		return sidecar_paths(path)

	def validate(self, path: Path) -> None:
		"""A file coming in must be a sound safetensors file (or diffusers folder); its family is found by the scan,
		which lists an architecture it does not run with the reason (a sidecar added later can fix that)."""
		if path.is_dir():
			refuse_folder_pickles(path)
			folder_family(path)
		else:
			read_header(path)
