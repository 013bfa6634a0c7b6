"""The pipeline manager on real tiny models: seeds, batches, samplers, previews and results."""

from pathlib import Path

import numpy as np
import pytest

from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.progress import ImagesReady, ModelLoading, PreviewSettings, RunStatus, Started
from localai_ui.schemas.samplers import SAMPLER_NAMES, schedules_for
from tests.cores.jobs import new_applier, pixels, result_of, run_all, steps_of, tiny_info, tiny_job


@pytest.fixture(scope='module')
def manager() -> PipelineManager:
	return PipelineManager(plan_device('cpu'), new_applier())


@pytest.mark.parametrize('architecture', [Family.SD1, Family.SDXL])
def test_same_seed_gives_the_same_pixels(manager: PipelineManager, tiny_models_dir: Path, architecture: Family) -> None:
	job = tiny_job(tiny_info(tiny_models_dir, architecture), seed=42)
	first, second = result_of(run_all(manager, job)), result_of(run_all(manager, job))
	assert first.status is RunStatus.COMPLETED
	assert np.array_equal(pixels(first.images[0].image), pixels(second.images[0].image))
	other = result_of(run_all(manager, tiny_job(job.model, seed=43)))
	assert not np.array_equal(pixels(first.images[0].image), pixels(other.images[0].image))


@pytest.mark.parametrize('sampler', ['Euler a', 'DPM++ 2M', 'DPM++ SDE'])
def test_image_i_of_a_batch_matches_a_single_run_with_seed_plus_i(
	manager: PipelineManager, tiny_models_dir: Path, sampler: str
) -> None:
	info = tiny_info(tiny_models_dir)
	batch = result_of(run_all(manager, tiny_job(info, seed=7, batch_size=3, sampler=sampler)))
	assert [image.seed for image in batch.images] == [7, 8, 9]
	for image in batch.images:
		single = result_of(run_all(manager, tiny_job(info, seed=image.seed, sampler=sampler))).images[0]
		difference = np.abs(pixels(image.image) - pixels(single.image))
		assert difference.max() <= 2, f'image {image.index} (seed {image.seed}) differs by {difference.max()}'


def test_batches_are_reported_as_they_finish(manager: PipelineManager, tiny_models_dir: Path) -> None:
	events = run_all(manager, tiny_job(tiny_info(tiny_models_dir), batch_count=2, batch_size=2))
	ready = [event for event in events if isinstance(event, ImagesReady)]
	assert [event.batch_index for event in ready] == [0, 1]
	assert [image.index for event in ready for image in event.images] == [0, 1, 2, 3]
	result = result_of(events)
	assert [image.seed for image in result.images] == [1, 2, 3, 4]
	assert result.it_per_s is not None and result.it_per_s > 0
	assert result.images[0].image.size == (64, 64)


@pytest.mark.parametrize('sampler', SAMPLER_NAMES)
def test_every_sampler_runs_two_steps(manager: PipelineManager, tiny_models_dir: Path, sampler: str) -> None:
	schedule = schedules_for(sampler)[-1]
	events = run_all(manager, tiny_job(tiny_info(tiny_models_dir), sampler=sampler, schedule=schedule))
	result = result_of(events)
	assert result.status is RunStatus.COMPLETED, result.error
	steps = steps_of(events)
	assert steps[-1].step == steps[-1].total == len(steps)
	assert steps[-1].total in (2, 3)


def test_progress_counts_model_calls_for_heun(manager: PipelineManager, tiny_models_dir: Path) -> None:
	steps = steps_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir), sampler='Heun', steps=4)))
	assert [update.step for update in steps] == list(range(1, 8))
	assert {update.total for update in steps} == {7}
	assert steps[-1].eta_s == 0


@pytest.mark.parametrize('architecture', [Family.SD1, Family.SDXL])
def test_previews_arrive_at_image_size(manager: PipelineManager, tiny_models_dir: Path, architecture: Family) -> None:
	steps = steps_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir, architecture), steps=3)))
	previews = [update.preview for update in steps if update.preview is not None]
	assert len(previews) == 3
	assert previews[0].size == (64, 64)


def test_previews_are_throttled_by_time(manager: PipelineManager, tiny_models_dir: Path) -> None:
	slow = PreviewSettings(max_per_second=0.001)
	steps = steps_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir), steps=6, preview=slow)))
	assert len(steps) == 6
	assert [update.step for update in steps if update.preview is not None] == [1]


def test_full_previews_decode_every_n_steps(manager: PipelineManager, tiny_models_dir: Path) -> None:
	full = PreviewSettings(mode='full', every_n_steps=2, max_per_second=1e6, max_side=32)
	steps = steps_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir), steps=4, preview=full)))
	with_preview = [update for update in steps if update.preview is not None]
	assert [update.step for update in with_preview] == [2, 4]
	assert with_preview[0].preview is not None and with_preview[0].preview.size == (32, 32)


def test_no_previews_when_off(manager: PipelineManager, tiny_models_dir: Path) -> None:
	off = PreviewSettings(mode='off')
	steps = steps_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir), steps=3, preview=off)))
	assert all(update.preview is None for update in steps)


def test_switching_models_and_unloading(manager: PipelineManager, tiny_models_dir: Path) -> None:
	sdxl = tiny_info(tiny_models_dir, Family.SDXL)
	assert result_of(run_all(manager, tiny_job(sdxl))).status is RunStatus.COMPLETED
	assert manager.loaded_model == sdxl
	manager.unload()
	assert manager.loaded_model is None


def test_a_run_says_when_it_loads_its_model_first(tiny_models_dir: Path) -> None:
	manager = PipelineManager(plan_device('cpu'), new_applier())
	first = run_all(manager, tiny_job(tiny_info(tiny_models_dir)))
	assert [event.name for event in first if isinstance(event, ModelLoading)] == ['tiny-sd15']
	assert isinstance(first[0], Started)
	again = run_all(manager, tiny_job(tiny_info(tiny_models_dir)))
	assert not any(isinstance(event, ModelLoading) for event in again)
	switched = run_all(manager, tiny_job(tiny_info(tiny_models_dir, Family.SDXL)))
	assert [event.name for event in switched if isinstance(event, ModelLoading)] == ['tiny-sdxl']
