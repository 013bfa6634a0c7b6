"""The composition root: everything with a lifetime is built here once, from Settings."""

from dataclasses import dataclass, field

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.prompts.library import EmbeddingLibrary
from localai_ui.database.engine import Database, open_database
from localai_ui.features.history.reconcile import ReconcileReport, reconcile_history
from localai_ui.features.loras.feature import LorasFeature, build_loras_feature
from localai_ui.features.models.feature import ModelsFeature, build_models_feature
from localai_ui.settings import Preferences, Settings


@dataclass
class AppContext:
	"""The app's long-lived parts; app.py hands each tab the ones it needs."""

	settings: Settings
	database: Database
	manager: PipelineManager
	preferences: Preferences
	models: ModelsFeature
	embeddings: EmbeddingLibrary
	loras: LorasFeature
	history_report: ReconcileReport = field(default_factory=ReconcileReport)

	def close(self) -> None:
		"""Free the model and close the database (the app is shutting down)."""
		self.models.close()
		self.loras.close()
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
	report = reconcile_history(database, settings.outputs_dir)
	embeddings = EmbeddingLibrary(settings.embeddings_dir)
	applier = LoraApplier(LoraStateCache(int(settings.lora_cache_gb * 2**30)))
	manager = PipelineManager(
		plan, ram_cache_bytes=int(settings.ram_cache_gb * 2**30), embeddings=embeddings, loras=applier
	)
	models = build_models_feature(settings, database, manager)
	models.start()
	loras = build_loras_feature(settings, database)
	loras.start()
	preferences = Preferences(settings.preview)
	return AppContext(settings, database, manager, preferences, models, embeddings, loras, history_report=report)
