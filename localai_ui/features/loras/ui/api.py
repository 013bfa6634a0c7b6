"""The public LoRA endpoints: /list_loras, /import_lora, /lora_download_status, /cancel_lora_download, /delete_lora
(pure data)."""

from localai_ui.features.library_views import Json
from localai_ui.features.loras.presenter import lora_dict
from localai_ui.features.ui_common.asset_api import ImportEndpointNames, register_import_endpoints
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.library.shelves import Shelf
from localai_ui.schemas.loras import LoraDetails

LORA_IMPORTS = ImportEndpointNames(start='import_lora', status='lora_download_status', cancel='cancel_lora_download')


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

	def delete_lora(name: str, confirm: bool = False) -> list[Json]:
		"""Delete a LoRA's file, its preview and its library row. Returns the library.

		Args:
			name: the LoRA's name as /list_loras gives it.
			confirm: must be true: the file is removed from disk.
		"""
		with shown_as_message():
			edits.delete(name, confirm=confirm)
			return [lora_dict(record) for record in library.records()]

	add_endpoint(list_loras, api_name='list_loras')
	register_import_endpoints(imports, lora_dict, LORA_IMPORTS)
	add_endpoint(delete_lora, api_name='delete_lora')
