"""The composition root: everything with a lifetime is built here once, from Settings."""

from dataclasses import dataclass

from localai_ui.cores.pipeline.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.database.engine import Database, open_database
from localai_ui.settings import Preferences, Settings


@dataclass
class AppContext:
	"""The app's long-lived parts; app.py hands each tab the ones it needs."""

	settings: Settings
	database: Database
	manager: PipelineManager
	preferences: Preferences

	def close(self) -> None:
		"""Free the model and close the database (the app is shutting down)."""
		self.manager.unload()
		self.database.close()


def build_context(settings: Settings) -> AppContext:
	"""Create the folders, open (and migrate) the database and plan the device; no model is loaded yet."""
	for folder in (
		settings.data_dir,
		settings.models_dir,
		settings.loras_dir,
		settings.embeddings_dir,
		settings.outputs_dir,
	):
		folder.mkdir(parents=True, exist_ok=True)
	plan = plan_device(settings.device)
	database = open_database(settings.database_path)
	return AppContext(settings, database, PipelineManager(plan), Preferences(settings.preview))
