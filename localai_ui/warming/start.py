"""The engine's thread: the page is served while it builds; what stops it is kept for every caller to see."""

import importlib
import logging
import threading
from collections.abc import Callable
from typing import cast

from localai_ui.features.settings.startup import SettingsParts
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.late import Late
from localai_ui.settings import Settings
from localai_ui.warming.parts import EngineParts

ENGINE_MODULE = 'localai_ui.engine.build'  # imported on the engine's thread, never by the page's modules
EngineBuilder = Callable[[Settings, SettingsParts], EngineParts]


def start_engine(
	late: Late[EngineParts], build: Callable[[], EngineParts], ready: Callable[[EngineParts], None] = lambda _: None
) -> threading.Thread:
	"""Build the engine on its own thread and call `ready` with it; what stops it (a device the machine lacks, a
	broken install) is kept in `late` for every caller to see."""

	def run() -> None:
		try:
			parts = build()
		except LocalAIError as error:  # a device the machine lacks, --fast off CUDA: said as it is
			late.fail(str(error))
			return
		except Exception as error:  # a broken install: any failure must reach the page, not end a thread silently
			logging.getLogger(__name__).exception('the engine could not start')
			late.fail(f'{type(error).__name__}: {error}')
			return
		late.set(parts)
		ready(parts)

	thread = threading.Thread(target=run, name='localai-engine-start', daemon=True)
	thread.start()
	return thread


def build_engine_by_name(settings: Settings, parts: SettingsParts) -> EngineParts:
	"""Import the engine (torch, diffusers, transformers) by name on this thread, and build it."""
	module = importlib.import_module(ENGINE_MODULE)
	build = cast(EngineBuilder, module.build_parts)
	return build(settings, parts)
