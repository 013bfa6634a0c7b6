"""The import and download endpoints of a library kind (/import_model, /download_status, /cancel_download for models;
/import_lora, /lora_download_status, /cancel_lora_download for LoRAs): one builder, the names and presenter given."""

from collections.abc import Callable
from dataclasses import dataclass

from localai_ui.features.library_views import Json, download_dict
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.library.imports import AssetImports
from localai_ui.schemas.assets import Asset, D

Present = Callable[[Asset[D]], Json]

IMPORT_DOC = """Bring a {noun} in from a local path (inside an import folder) or an http(s) URL; it is checked first.

Args:
	source: a path relative to an import folder (--import-dir), or an http(s) URL of a .safetensors file.
	sha256: for URLs, the expected sha256; a mismatch deletes the download.
	mode: for paths, "copy" or "link" (a hard link: no extra disk space).
Returns:
	For a path, the new {noun}; for a URL, the download ({{id, name, state, received, total, error}}).
"""
STATUS_DOC = """Follow a download started by /{start}: state is running, done, failed or cancelled.

Args:
	download_id: the id /{start} returned.
"""
CANCEL_DOC = """Stop a running download started by /{start}; its partial file is removed.

Args:
	download_id: the id /{start} returned.
"""


@dataclass(frozen=True)
class ImportEndpointNames:
	"""The public names; tests and scripts call them, so they never change."""

	start: str
	status: str
	cancel: str


def register_import_endpoints(imports: AssetImports[D], present: Present[D], names: ImportEndpointNames) -> None:
	"""Add the three endpoints to the current Blocks; parameter names are the API's."""

	def import_asset(source: str, sha256: str = '', mode: str = 'copy') -> Json:
		with shown_as_message():
			if source.strip().lower().startswith(('http://', 'https://')):
				return download_dict(imports.start_download(source, sha256 or None))
			return present(imports.import_path(source, 'link' if mode == 'link' else 'copy'))

	def download_status(download_id: str) -> Json:
		with shown_as_message():
			return download_dict(imports.jobs.status(download_id))

	def cancel_download(download_id: str) -> Json:
		with shown_as_message():
			return download_dict(imports.jobs.cancel(download_id))

	import_asset.__doc__ = IMPORT_DOC.format(noun=imports.library.spec.noun)
	download_status.__doc__ = STATUS_DOC.format(start=names.start)
	cancel_download.__doc__ = CANCEL_DOC.format(start=names.start)
	add_endpoint(import_asset, api_name=names.start)
	add_endpoint(download_status, api_name=names.status)
	add_endpoint(cancel_download, api_name=names.cancel)
