"""The lighter mode an out-of-memory failure offers, taken in one step: stored as the Settings tab stores it and used
by the next run's load (no restart); a memory flag given at start wins and nothing is stored; a mode the device
cannot do, or an unknown one, is refused naming it."""

from functools import partial
from pathlib import Path

import pytest

from localai_ui.context import AppContext, build_context
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.preferences import Preferences
from localai_ui.features.settings.device_check import device_check
from localai_ui.features.settings.memory_switch import switch_memory_mode
from localai_ui.features.settings.store import SettingsStore
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.progress import GenerationResult, PreviewSettings
from localai_ui.schemas.system import MemoryMode
from localai_ui.settings import settings_for
from tests.cores.jobs import new_applier, result_of, run_all, tiny_info, tiny_job
from tests.cuda_like import OutOfMemoryLoader, cuda_like_plan


def _stored_memory(context: AppContext) -> str:
	"""The memory mode in the database, read by a store of its own (as the next start would)."""
	return SettingsStore(context.database).stored().device.memory


def test_the_offered_mode_is_stored_and_the_next_run_plans_with_it(context: AppContext) -> None:
	"""On a machine with one GPU: the run fails in high mode and offers medium; once taken, the next run loads the
	model again in medium mode (it fails there too on this card, and offers low)."""
	store = SettingsStore(context.database, check=device_check(gpu_count=1, mps_available=False))
	preferences = Preferences(PreviewSettings(), store.current, store.save_preview, partial(switch_memory_mode, store))
	loader = OutOfMemoryLoader()
	manager = PipelineManager(cuda_like_plan(lambda: store.current().device.memory), new_applier(), loader=loader)
	job = tiny_job(tiny_info(context.settings.models_dir))

	def run() -> GenerationResult:
		return result_of(run_all(manager, job))

	try:
		first = run()
		assert first.lighter_mode is MemoryMode.MEDIUM
		assert preferences.use_memory_mode(first.lighter_mode.value) == 'Memory mode is now medium; run again.'
		assert store.stored().device.memory == _stored_memory(context) == 'medium'
		second = run()
	finally:
		manager.unload()
	assert loader.modes == [MemoryMode.HIGH, MemoryMode.MEDIUM]
	assert second.error is not None and second.error.startswith('Out of memory in medium mode at 64x64')
	assert second.lighter_mode is MemoryMode.LOW


@pytest.mark.parametrize(
	('flags', 'named', 'in_force'),
	[(['--medvram'], '`--medvram`', 'medium'), (['--memory', 'high'], '`--memory high`', 'high')],
)
def test_a_memory_flag_wins_and_nothing_is_stored(
	tmp_path: Path, tiny_models_dir: Path, flags: list[str], named: str, in_force: str
) -> None:
	argv = ['--data-dir', str(tmp_path / 'data'), '--models-dir', str(tiny_models_dir), '--device', 'cpu', *flags]
	context = build_context(settings_for(argv))
	try:
		message = context.preferences.use_memory_mode('low')
		assert message.startswith(f'Not changed: {named} was given on the command line and wins')
		assert 'start it with `--memory low` to run in low mode' in message
		assert context.app_settings.store.stored().device.memory == _stored_memory(context) == 'auto'
		assert manager_of(context.engine).plan.memory.request() == in_force
	finally:
		context.close()


def test_a_mode_the_device_cannot_do_is_refused_naming_it(context: AppContext) -> None:
	"""The test app runs on the CPU (`--device cpu`): medium mode moves model parts to a CUDA GPU it does not have."""
	with pytest.raises(InvalidRequestError, match="Not saved: memory mode 'medium' moves model parts"):
		context.preferences.use_memory_mode('medium')
	assert _stored_memory(context) == 'auto'


def test_an_unknown_mode_is_refused_naming_the_modes(context: AppContext) -> None:
	with pytest.raises(InvalidRequestError, match="memory mode 'tiny' is unknown; use one of high, medium, low"):
		context.preferences.use_memory_mode('tiny')


def test_without_settings_nothing_can_be_stored() -> None:
	with pytest.raises(InvalidRequestError, match="memory mode 'low' not stored: this app was started without"):
		Preferences(PreviewSettings()).use_memory_mode('low')
