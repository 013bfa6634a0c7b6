"""What the app holds for its lifetime (built once by context.py): app.py hands each tab the parts it needs."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from localai_ui.database.engine import Database
from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.history.reconcile import ReconcileReport
from localai_ui.features.history.service import HistoryService
from localai_ui.features.models.actions import ModelActions
from localai_ui.features.models.hub_downloads import HubDownloads
from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.features.settings.startup import SettingsParts
from localai_ui.features.styles.service import StylesService
from localai_ui.features.upscale.service import UpscaleService
from localai_ui.library.shelves import Libraries
from localai_ui.settings import Settings
from localai_ui.warming.engine import WarmingEngine
from localai_ui.warming.parts import EngineParts
from localai_ui.warming.start import build_engine_by_name, start_engine

CLOSE_WAIT_S = 60.0  # how long closing waits for an engine still starting (to free what it loaded)


@dataclass
class AppContext:
	"""The app's long-lived parts; app.py hands each tab the ones it needs."""

	settings: Settings
	database: Database
	engine: WarmingEngine
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

	def start_engine(self, ready: Callable[[EngineParts], None] = lambda _: None) -> None:
		"""Build the engine on its own thread (the command line calls this once the page is served)."""
		build = partial(build_engine_by_name, self.settings, self.app_settings)
		self.engine.starting = start_engine(self.engine.late, build, ready)

	def close(self) -> None:
		"""Stop background work, free the models and close the database (the app is shutting down)."""
		self.libraries.close()
		if self.engine.starting is not None:  # an engine still starting is waited for, so what it loads is freed too
			self.engine.starting.join(CLOSE_WAIT_S)
		self.engine.close()
		self.database.close()
