"""What the API routes share, built once when the routes are mounted: the app's context, the translator from A1111
bodies, the runner and the board /progress reads."""

from dataclasses import dataclass

from localai_ui.context import AppContext
from localai_ui.sdapi.progress import ProgressBoard
from localai_ui.sdapi.runs import ApiRunner
from localai_ui.sdapi.translate import RequestTranslator


@dataclass(frozen=True)
class ApiParts:
	context: AppContext
	board: ProgressBoard
	translator: RequestTranslator
	runner: ApiRunner


def build_parts(context: AppContext) -> ApiParts:
	board = ProgressBoard()
	store = context.app_settings.store

	def clip_skip() -> int:
		"""A1111's CLIP_stop_at_last_layers option is the Generate tab's default clip skip (Settings tab)."""
		return store.current().generation.clip_skip

	translator = RequestTranslator(context.libraries.checkpoints.library, clip_skip, context.generate.resolver.inputs)
	return ApiParts(context, board, translator, ApiRunner(context.generate, board, context.database))
