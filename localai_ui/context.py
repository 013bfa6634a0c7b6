"""The composition root: everything with a lifetime is built here once, from Settings. app.py only lays out tabs."""

from dataclasses import dataclass

from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.database.engine import Database, open_database
from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.loras import LibraryLoras
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.resolve import JobResolver
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.history.reconcile import ReconcileReport, reconcile_history
from localai_ui.features.history.service import HistoryService
from localai_ui.features.models.actions import ModelActions
from localai_ui.features.styles.service import StylesService
from localai_ui.library.shelves import Libraries, LibraryFolders, build_libraries
from localai_ui.services.checkpoint_files.configs import CLIP_TOKENIZER_DIR
from localai_ui.settings import Settings

GIB = 2**30


@dataclass
class AppContext:
	"""The app's long-lived parts; app.py hands each tab the ones it needs."""

	settings: Settings
	database: Database
	manager: PipelineManager
	libraries: Libraries
	models: ModelActions
	preferences: Preferences
	generate: GenerateService
	prompt_tools: PromptTools
	runs: ActiveRuns
	styles: StylesService
	history: HistoryService
	history_report: ReconcileReport

	def close(self) -> None:
		"""Stop background work, free the models and close the database (the app is shutting down)."""
		self.libraries.close()
		self.manager.unload()
		self.database.close()


def build_context(settings: Settings) -> AppContext:
	"""Create our own folders, open (and migrate) the database, scan the libraries and plan the device.

	Folders the user pointed us at are created only when missing; nothing is written inside them unasked.
	"""
	for folder in (
		settings.data_dir,
		settings.models_dir,
		settings.loras_dir,
		settings.embeddings_dir,
		settings.vaes_dir,
		settings.outputs_dir,
		*settings.import_dirs,
	):
		folder.mkdir(parents=True, exist_ok=True)
	plan = plan_device(settings.device)
	database = open_database(settings.database_path)
	report = reconcile_history(database, settings.outputs_dir)
	libraries = build_libraries(database, _folders(settings))
	libraries.start()
	manager = PipelineManager(
		plan,
		LoraApplier(LoraStateCache(int(settings.lora_cache_gb * GIB))),
		ram_cache_bytes=int(settings.ram_cache_gb * GIB),
	)
	styles = StylesService(database=database)
	styles.seed_builtins()
	preferences = Preferences(settings.preview)
	resolver = JobResolver(
		catalog=libraries.catalog,
		loras=LibraryLoras(libraries.loras.library, libraries.hasher),
		embeddings=libraries.embeddings.library,
		preview=preferences.current_preview,
		steps=[styles.apply_to_request],
	)
	return AppContext(
		settings=settings,
		database=database,
		manager=manager,
		libraries=libraries,
		models=ModelActions(libraries.checkpoints, libraries.catalog, manager),
		preferences=preferences,
		generate=GenerateService(
			manager=manager, database=database, outputs_dir=settings.outputs_dir, resolver=resolver
		),
		prompt_tools=PromptTools(libraries.catalog, TokenCounter(CLIP_TOKENIZER_DIR), libraries.embeddings.library),
		runs=ActiveRuns(),
		styles=styles,
		history=HistoryService(database=database, outputs_dir=settings.outputs_dir),
		history_report=report,
	)


def _folders(settings: Settings) -> LibraryFolders:
	return LibraryFolders(
		checkpoints=settings.models_dir,
		loras=settings.loras_dir,
		embeddings=settings.embeddings_dir,
		vaes=settings.vaes_dir,
		import_dirs=settings.import_dirs,
		max_upload_bytes=settings.max_upload_bytes,
		vae_override=settings.vae,
	)
