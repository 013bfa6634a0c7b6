"""The composition root: everything with a lifetime is built here once, from Settings. app.py only lays out tabs."""

from dataclasses import dataclass
from functools import partial

from localai_ui.cores.fast.mode import fast_options
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.cores.safety.gate import SafetyGate
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
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.settings.memory_switch import switch_memory_mode
from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.features.settings.startup import SettingsParts, build_settings_parts
from localai_ui.features.styles.service import StylesService
from localai_ui.features.upscale.service import UpscaleService
from localai_ui.library.shelves import Libraries, LibraryFolders, build_libraries
from localai_ui.services.checkpoint_files.configs import CLIP_TOKENIZER_DIR
from localai_ui.services.hub import HubClient
from localai_ui.services.input_images import InputImages
from localai_ui.services.temp_cleanup import remove_atomic_temps
from localai_ui.settings import Settings

GIB = 2**30
PREVIEW_GRACE_S = 5.0  # a replaced or deleted style preview stays this long for pages still showing it


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
	upscale: UpscaleService
	app_settings: SettingsParts
	hub: HubDownloads
	safety: SafetyFiles

	def close(self) -> None:
		"""Stop background work, free the models and close the database (the app is shutting down)."""
		self.libraries.close()
		self.manager.unload()
		self.database.close()


def build_context(settings: Settings) -> AppContext:
	"""Create our own folders, open (and migrate) the database, scan the libraries and plan the device.

	Folders the user pointed us at are created only when missing; nothing is written inside them unasked.
	"""
	written = settings.app_folders
	for folder in (*written, *settings.import_dirs):
		folder.mkdir(parents=True, exist_ok=True)
	remove_atomic_temps(written)  # a kill mid-write leaves write_atomic's temp files: gone before anything writes
	database = open_database(settings.database_path)
	outputs = [('data', settings.data_dir), ('outputs', settings.outputs_dir)]
	parts = build_settings_parts(
		database, flags=settings.setting_flags, folders=outputs, ram_cache_gb=settings.ram_cache_gb
	)
	report = reconcile_history(database, settings.outputs_dir)
	libraries = build_libraries(database, _folders(settings))
	libraries.start()
	safety = SafetyGate(settings.data_dir / 'safety_checker')  # loaded only by a run with the setting on
	manager = PipelineManager(
		parts.plan,
		LoraApplier(LoraStateCache(int(settings.lora_cache_gb * GIB))),
		ram_cache_bytes=parts.ram_cache_bytes,
		safety=safety,
		fast=fast_options(settings.fast, parts.plan.device, settings.data_dir / 'compile_cache'),  # refused off CUDA
	)
	styles = StylesService(database=database)
	styles.previews.grace_s = PREVIEW_GRACE_S
	styles.seed_builtins()
	switch_memory = partial(switch_memory_mode, parts.store)
	preferences = Preferences(settings.preview, parts.store.current, parts.store.save_preview, switch_memory)
	resolver = JobResolver(
		catalog=libraries.catalog,
		loras=LibraryLoras(libraries.loras.library, libraries.hasher),
		embeddings=libraries.embeddings.library,
		inputs=InputImages(settings.data_dir),
		preview=preferences.current_preview,
		steps=[styles.apply_to_request],
		upscalers=libraries.upscalers.library,
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
		upscale=UpscaleService(
			manager=manager,
			database=database,
			outputs_dir=settings.outputs_dir,
			library=libraries.upscalers.library,
			pictures=resolver.inputs,
		),
		app_settings=parts,
		hub=HubDownloads(libraries, parts.store.hf_token, partial(HubClient, allow_network=True)),
		safety=SafetyFiles(safety, HubClient(allow_network=True), parts.store.hf_token),
	)


def _folders(settings: Settings) -> LibraryFolders:
	return LibraryFolders(
		checkpoints=settings.models_dir,
		loras=settings.loras_dir,
		embeddings=settings.embeddings_dir,
		vaes=settings.vaes_dir,
		upscalers=settings.upscalers_dir,
		import_dirs=settings.import_dirs,
		max_upload_bytes=settings.max_upload_bytes,
		vae_override=settings.vae,
	)
