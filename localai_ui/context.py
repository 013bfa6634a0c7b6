"""The composition root: everything with a lifetime is built here once, from Settings. app.py only lays out tabs.

The page's parts are built here without torch; the engine (torch, diffusers, the device plan, the pipeline manager)
is built by `localai_ui.engine` on a thread started here, so the page is served while it loads."""

from functools import partial

from localai_ui.app_context import AppContext
from localai_ui.database.engine import open_database
from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.loras import LibraryLoras
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.resolve import JobResolver
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.history.reconcile import reconcile_history
from localai_ui.features.history.service import HistoryService
from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.settings.memory_switch import switch_memory_mode
from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.features.settings.startup import build_settings_parts
from localai_ui.features.styles.service import StylesService
from localai_ui.features.upscale.service import UpscaleService
from localai_ui.library.shelves import LibraryFolders, build_libraries
from localai_ui.schemas.late import Late
from localai_ui.services.hub import HubClient
from localai_ui.services.input_images import InputImages
from localai_ui.services.temp_cleanup import remove_atomic_temps
from localai_ui.settings import Settings
from localai_ui.warming.engine import WarmingEngine
from localai_ui.warming.parts import EngineParts

__all__ = ['AppContext', 'build_context']

PREVIEW_GRACE_S = 5.0  # a replaced or deleted style preview stays this long for pages still showing it


def build_context(settings: Settings, *, engine_now: bool = True) -> AppContext:
	"""Create our own folders, open (and migrate) the database, scan the libraries and start the engine's thread.

	Folders the user pointed us at are created only when missing; nothing is written inside them unasked. Without
	`engine_now` the caller starts the engine (`start_engine`) when it is ready to share the machine with it.
	"""
	written = settings.app_folders
	for folder in (*written, *settings.import_dirs):
		folder.mkdir(parents=True, exist_ok=True)
	remove_atomic_temps(written)  # a kill mid-write leaves write_atomic's temp files: gone before anything writes
	database = open_database(settings.database_path)
	engine = WarmingEngine(Late[EngineParts]('The engine'))
	outputs = [('data', settings.data_dir), ('outputs', settings.outputs_dir)]
	parts = build_settings_parts(
		database,
		flags=settings.setting_flags,
		folders=outputs,
		ram_cache_gb=settings.ram_cache_gb,
		device=engine.device,
		torch_facts=engine.torch_facts,
	)
	report = reconcile_history(database, settings.outputs_dir)
	libraries = build_libraries(database, _folders(settings), engine.read_upscaler)
	libraries.start()
	manager = engine.line
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
	context = AppContext(
		settings=settings,
		database=database,
		engine=engine,
		libraries=libraries,
		models=ModelActions(libraries.checkpoints, libraries.catalog, manager),
		preferences=preferences,
		generate=GenerateService(
			manager=manager, database=database, outputs_dir=settings.outputs_dir, resolver=resolver
		),
		prompt_tools=PromptTools(libraries.catalog, engine, libraries.embeddings.library),
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
		safety=SafetyFiles(
			settings.data_dir / 'safety_checker',
			engine.drop_safety_checker,
			HubClient(allow_network=True),
			parts.store.hf_token,
		),
	)
	if engine_now:
		context.start_engine()
	return context


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
