"""The public model endpoints: /list_models, /import_model, /download_status, /cancel_download, /delete_model,
/load_model, /unload_model, /set_default_model, /rename_model (pure data, no components)."""

from localai_ui.features.library_views import Json
from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.presenter import record_dict
from localai_ui.features.ui_common.asset_api import ImportEndpointNames, register_import_endpoints
from localai_ui.features.ui_common.endpoints import add_endpoint, shown_as_message
from localai_ui.library.shelves import Libraries

MODEL_IMPORTS = ImportEndpointNames(start='import_model', status='download_status', cancel='cancel_download')


def register_models_api(actions: ModelActions, libraries: Libraries) -> None:
	"""Add the endpoints to the current Blocks; parameter names are the API's."""
	library = libraries.checkpoints.library

	def list_models(refresh: bool = False) -> list[Json]:
		"""Every model in the library, loadable or not (with the reason).

		Args:
			refresh: rescan the models folder first (new files appear, missing ones are flagged).
		Returns:
			A list of {name, file, format, architecture, status, problem, size, hash, sha256, default, vae, last_used, metadata}.
		"""
		with shown_as_message():
			return [record_dict(record) for record in (library.refresh() if refresh else library.records())]

	def delete_model(name: str, confirm: bool = False) -> list[Json]:
		"""Delete a model's file (or folder), its sidecars and its library row. Returns the library.

		Args:
			name: the model's name as /list_models gives it.
			confirm: must be true: the file is removed from disk.
		"""
		with shown_as_message():
			actions.delete(name, confirm=confirm)
			return [record_dict(record) for record in library.records()]

	def load_model(name: str) -> Json:
		"""Load a model onto the device now (waits for a running generation). Returns the model.

		Args:
			name: the model's name as /list_models gives it.
		"""
		with shown_as_message():
			return record_dict(library.record(actions.load(name).name))

	def unload_model(name: str = '') -> list[str]:
		"""Free a model from memory (every model when name is empty). Returns the models still in memory.

		Args:
			name: the model's name; empty unloads all.
		"""
		with shown_as_message():
			actions.unload(name)
			return [model.name for model in actions.in_memory()]

	def set_default_model(name: str) -> Json:
		"""Make a model the default of /generate and the Generate tab.

		Args:
			name: the model's name as /list_models gives it.
		"""
		with shown_as_message():
			return record_dict(actions.shelf.edits.set_default(name))

	def rename_model(name: str, new_name: str) -> Json:
		"""Rename a model's file (and sidecars) in place.

		Args:
			name: the model's current name.
			new_name: a plain file name, without folders or extension.
		"""
		with shown_as_message():
			return record_dict(actions.rename(name, new_name))

	add_endpoint(list_models, api_name='list_models')
	register_import_endpoints(libraries.checkpoints.imports, record_dict, MODEL_IMPORTS)
	for endpoint in (delete_model, load_model, unload_model, set_default_model, rename_model):
		add_endpoint(endpoint, api_name=endpoint.__name__)
