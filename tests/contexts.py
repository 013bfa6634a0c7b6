"""The app's context as tests use it: built as the app builds it, with the upscalers' first scan (on its own thread,
as it waits for the engine) finished, so a test sees every file it put in the folders."""

from localai_ui.context import AppContext, build_context
from localai_ui.settings import Settings

SCAN_TIMEOUT_S = 120.0


def ready_context(settings: Settings) -> AppContext:
	context = build_context(settings)
	if not context.libraries.wait_scanned(SCAN_TIMEOUT_S):
		raise TimeoutError(f'the upscalers folder {settings.upscalers_dir} was not scanned in {SCAN_TIMEOUT_S:.0f} s')
	return context
