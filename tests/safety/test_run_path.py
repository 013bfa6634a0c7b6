"""The checker in a run: after the decode, in the job's own turn; never loaded while the setting is off."""

from dataclasses import replace
from pathlib import Path

import pytest

from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.safety.checker import SafetyChecker
from localai_ui.cores.safety.gate import SafetyGate
from localai_ui.cores.safety.loader import load_checker
from localai_ui.schemas.progress import ImagesReady, RunStatus
from tests.cores.jobs import new_applier, result_of, run_all, tiny_info, tiny_job
from tests.safety.tiny_checker import FLAG_ALL, FLAG_NONE, save_tiny_checker


class CountingLoader:
	def __init__(self) -> None:
		self.calls: list[Path] = []

	def __call__(self, folder: Path) -> SafetyChecker:
		self.calls.append(folder)
		return load_checker(folder)


@pytest.fixture
def loader() -> CountingLoader:
	return CountingLoader()


def manager_with(folder: Path, loader: CountingLoader) -> PipelineManager:
	return PipelineManager(plan_device('cpu'), new_applier(), safety=SafetyGate(folder, loader))


def test_with_the_setting_off_the_checker_is_never_loaded(
	tmp_path: Path, tiny_models_dir: Path, loader: CountingLoader
) -> None:
	manager = manager_with(save_tiny_checker(tmp_path / 'checker', FLAG_ALL), loader)
	result = result_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir), batch_size=2)))
	assert result.status is RunStatus.COMPLETED
	assert [image.flagged for image in result.images] == [False, False]
	assert loader.calls == []
	assert manager.safety is not None and not manager.safety.loaded


@pytest.mark.parametrize(('threshold', 'flagged'), [(FLAG_ALL, True), (FLAG_NONE, False)])
def test_with_the_setting_on_each_batch_is_checked_after_its_decode(
	tmp_path: Path, tiny_models_dir: Path, loader: CountingLoader, threshold: float, flagged: bool
) -> None:
	folder = save_tiny_checker(tmp_path / 'checker', threshold)
	manager = manager_with(folder, loader)
	job = replace(tiny_job(tiny_info(tiny_models_dir), batch_size=2, batch_count=2), safety_check=True)
	events = run_all(manager, job)
	result = result_of(events)
	assert result.status is RunStatus.COMPLETED, result.error
	batches = [event for event in events if isinstance(event, ImagesReady)]
	assert [[image.flagged for image in batch.images] for batch in batches] == [[flagged] * 2] * 2
	assert [image.flagged for image in result.images] == [flagged] * 4
	run_all(manager, job)
	assert loader.calls == [folder]  # loaded once, then kept
	assert not manager.busy


def test_a_missing_checker_fails_the_run_naming_its_folder(tmp_path: Path, tiny_models_dir: Path) -> None:
	manager = manager_with(tmp_path / 'safety_checker', CountingLoader())
	result = result_of(run_all(manager, replace(tiny_job(tiny_info(tiny_models_dir)), safety_check=True)))
	assert result.status is RunStatus.FAILED
	assert result.error is not None and 'safety_checker: the safety checker needs config.json' in result.error
	assert not manager.busy  # the device is free for the next run
