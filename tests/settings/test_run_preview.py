"""The live preview setting reaches the next run without a restart, through the real generate path."""

from localai_ui.context import AppContext
from localai_ui.schemas.progress import StepUpdate
from tests.features.generate_helpers import run_to_end, small_request


def _previews(context: AppContext) -> int:
	updates, _ = run_to_end(context.generate, small_request(steps=3, seed=3))
	return sum(1 for update in updates if isinstance(update, StepUpdate) and update.preview is not None)


def test_preview_off_then_cheap_applies_to_the_next_run(context: AppContext) -> None:
	store = context.app_settings.store
	store.save({'preview_mode': 'off'})
	assert context.preferences.current_preview().mode == 'off'
	assert _previews(context) == 0
	store.save({'preview_mode': 'cheap', 'preview_every': 1})
	assert _previews(context) >= 1
	assert context.preferences.preview_values() == ('cheap', 1)
