"""The public LoRA endpoints: /list_loras, /import_lora, /lora_download_status, /delete_lora (pure data)."""

from localai_ui.features.library_views import Json, download_dict
from localai_ui.features.loras.presenter import lora_dict
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails


def register_loras_api(shelf: Shelf[LoraDetails]) -> None:
	"""Add the endpoints to the current Blocks; parameter names are the API's."""
	library, edits, imports = shelf.library, shelf.edits, shelf.imports

	def list_loras(search: str = '', refresh: bool = False) -> list[Json]:
		"""Every LoRA in the library, usable or not (with the reason); use one in /generate as <lora:name:weight>.

		Args:
			search: only LoRAs whose name, file, architecture or trigger words hold every word of this text.
			refresh: rescan the LoRA folder first (new files appear, missing ones are flagged).
		Returns:
			A list of {name, file, status, problem, architecture, format, rank, trigger_words, size, hash, sha256,
			addnet_hash, has_preview, tag, metadata}.
		"""
		with shown_as_message():
			if refresh:
				library.refresh()
			return [lora_dict(record) for record in library.search(search)]

	def import_lora(source: str, sha256: str = '', mode: str = 'copy') -> Json:
		"""Bring a LoRA in from a local path (inside an import folder) or an http(s) URL; it is inspected first.

		Args:
			source: a path relative to an import folder (--import-dir), or an http(s) URL of a .safetensors file.
			sha256: for URLs, the expected sha256; a mismatch deletes the download.
			mode: for paths, "copy" or "link" (a hard link: no extra disk space).
		Returns:
			For a path, the new LoRA; for a URL, the download ({id, name, state, received, total, error}).
		"""
		with shown_as_message():
			if source.strip().lower().startswith(('http://', 'https://')):
				return download_dict(imports.start_download(source, sha256 or None))
			return lora_dict(imports.import_path(source, 'link' if mode == 'link' else 'copy'))

	def lora_download_status(download_id: str) -> Json:
		"""Follow a download started by /import_lora: state is running, done, failed or cancelled.

		Args:
			download_id: the id /import_lora returned.
		"""
		with shown_as_message():
			return download_dict(imports.jobs.status(download_id))

	def delete_lora(name: str, confirm: bool = False) -> list[Json]:
		"""Delete a LoRA's file, its preview and its library row. Returns the library.

		Args:
			name: the LoRA's name as /list_loras gives it.
			confirm: must be true: the file is removed from disk.
		"""
		with shown_as_message():
			edits.delete(name, confirm=confirm)
			return [lora_dict(record) for record in library.records()]

	for endpoint in (list_loras, import_lora, lora_download_status, delete_lora):
		add_endpoint(endpoint, api_name=endpoint.__name__)
