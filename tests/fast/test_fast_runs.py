"""Runs through the real manager with --fast: eager first, compiled in the background, then the compiled graph;
the same pixels as without --fast; a failed compile runs eager and says so once."""

import logging
from pathlib import Path

import numpy as np
import pytest

from localai_ui.cores.fast.dispatch import WARMUP_CALLS, FastUnet
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.progress import RunStatus
from tests.cores.jobs import pixels, result_of, run_all, steps_of, tiny_info, tiny_job
from tests.fast.conftest import CountingCompile, fast_manager

WAIT_S = 120.0
STEPS = 2
GUIDED_CALLS = STEPS  # one UNet call per step: the guided pair runs as one batch of 2


def dispatcher_of(manager: PipelineManager, family: Family = Family.SD1) -> FastUnet:
	assert manager.fast is not None
	(found,) = manager.fast.dispatchers(family.value)
	return found


def settle(manager: PipelineManager) -> None:
	assert manager.fast is not None and manager.fast.wait_idle(WAIT_S)


def test_a_new_size_runs_eager_then_the_compiled_graph_serves_it(
	manager: PipelineManager, eager_manager: PipelineManager, counting: CountingCompile, tiny_models_dir: Path
) -> None:
	job = tiny_job(tiny_info(tiny_models_dir), seed=3, steps=STEPS)
	first = result_of(run_all(manager, job))
	assert first.status is RunStatus.COMPLETED
	settle(manager)
	assert counting.calls == WARMUP_CALLS  # the first run at 64x64 ran eager: only the warm-up used the graph
	dispatcher = dispatcher_of(manager)
	assert [bucket.label for bucket in dispatcher.ready] == ['64x64 batch 2']
	warmed = counting.calls
	second = result_of(run_all(manager, job))
	assert counting.calls - warmed == GUIDED_CALLS  # every step of the second run went through the compiled graph
	assert counting.compiles == 1 and counting.traces == 1
	reference = result_of(run_all(eager_manager, job))
	for image in (first, second):
		assert np.abs(pixels(image.images[0].image) - pixels(reference.images[0].image)).max() <= 1


def test_each_size_and_batch_is_its_own_bucket(
	manager: PipelineManager, counting: CountingCompile, tiny_models_dir: Path
) -> None:
	info = tiny_info(tiny_models_dir)
	for width, batch in ((64, 1), (128, 1), (64, 2)):
		run_all(manager, tiny_job(info, steps=STEPS, width=width, batch_size=batch))
		settle(manager)
	labels = sorted(bucket.label for bucket in dispatcher_of(manager).ready)
	assert labels == ['128x64 batch 2', '64x64 batch 2', '64x64 batch 4']
	assert counting.compiles == 1 and counting.traces == 3  # one torch.compile, one graph per bucket
	calls = counting.calls
	run_all(manager, tiny_job(info, steps=STEPS, width=128))
	assert counting.calls - calls == GUIDED_CALLS and counting.traces == 3


def test_a_failed_compile_runs_eager_and_tells_the_user_once(
	tiny_models_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
	failing = CountingCompile(fail=True)
	manager = fast_manager(failing)
	job = tiny_job(tiny_info(tiny_models_dir), steps=STEPS)
	with caplog.at_level(logging.WARNING, logger='localai_ui.cores.fast'):
		assert result_of(run_all(manager, job)).status is RunStatus.COMPLETED
		settle(manager)
		events = run_all(manager, job)
		later = run_all(manager, job)
	assert result_of(events).status is RunStatus.COMPLETED and result_of(later).status is RunStatus.COMPLETED
	phases = {update.phase for update in steps_of(events)}
	assert len(phases) == 1 and 'fast mode: 64x64 batch 2 did not compile' in phases.pop()
	assert 'inductor failed on purpose' in steps_of(events)[0].phase
	assert {update.phase for update in steps_of(later)} == {''}  # said once
	assert len([record for record in caplog.records if 'did not compile' in record.getMessage()]) == 1
	assert failing.compiles == 1  # never tried again
