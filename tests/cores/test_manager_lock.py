"""One job on the device at a time; cancel and failures always free the device."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationResult, RunStatus, Started, StepUpdate
from tests.cores.jobs import new_applier, result_of, run_all, tiny_info, tiny_job


class UNetProbe:
	"""Counts UNet calls running at once (forward hooks) and can make the next call fail."""

	def __init__(self) -> None:
		self.active = 0
		self.most = 0
		self.fail_with: Exception | None = None
		self._lock = threading.Lock()

	def before(self, _module: torch.nn.Module, _args: tuple[object, ...]) -> None:
		with self._lock:
			self.active += 1
			self.most = max(self.most, self.active)
		if self.fail_with is not None:
			with self._lock:
				self.active -= 1
			raise self.fail_with

	def after(self, _module: torch.nn.Module, _args: tuple[object, ...], _output: object) -> None:
		with self._lock:
			self.active -= 1

	def loader(self, info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loaded = load_model(info, plan)
		loaded.pipeline.unet.register_forward_pre_hook(self.before)
		loaded.pipeline.unet.register_forward_hook(self.after)
		return loaded


@pytest.fixture
def probe() -> UNetProbe:
	return UNetProbe()


@pytest.fixture
def manager(probe: UNetProbe) -> Iterator[PipelineManager]:
	built = PipelineManager(plan_device('cpu'), new_applier(), loader=probe.loader)
	yield built
	built.unload()


def test_two_threads_never_hold_the_device_at_once(
	manager: PipelineManager, probe: UNetProbe, tiny_models_dir: Path
) -> None:
	job = tiny_job(tiny_info(tiny_models_dir), steps=4, batch_count=2)
	results: list[GenerationResult] = []
	threads = [threading.Thread(target=lambda: results.append(result_of(run_all(manager, job)))) for _ in range(3)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	assert [result.status for result in results] == [RunStatus.COMPLETED] * 3
	assert probe.most == 1
	assert not manager.busy


def test_cancel_stops_within_one_step_and_keeps_finished_batches(
	manager: PipelineManager, tiny_models_dir: Path
) -> None:
	cancel = CancelToken()
	events = manager.generate(tiny_job(tiny_info(tiny_models_dir), steps=30, batch_count=3), cancel)
	seen: list[StepUpdate] = []
	result: GenerationResult | None = None
	for event in events:
		if isinstance(event, StepUpdate):
			seen.append(event)
			if event.batch_index == 1 and event.step == 2:
				cancel.cancel()
		elif isinstance(event, GenerationResult):
			result = event
	assert result is not None and result.status is RunStatus.INTERRUPTED
	# The worker may finish the step it was already running when Stop came: at most one more.
	assert max(update.step for update in seen if update.batch_index == 1) <= 3
	assert [image.index for image in result.images] == [0]
	assert not manager.busy


def test_leaving_the_iterator_early_frees_the_device(manager: PipelineManager, tiny_models_dir: Path) -> None:
	events = manager.generate(tiny_job(tiny_info(tiny_models_dir), steps=50), CancelToken())
	assert isinstance(next(event for event in events if isinstance(event, StepUpdate)), StepUpdate)
	assert manager.busy
	events.close()
	assert not manager.busy
	assert result_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir)))).status is RunStatus.COMPLETED


def test_a_job_cancelled_while_waiting_never_starts(manager: PipelineManager, tiny_models_dir: Path) -> None:
	running = manager.generate(tiny_job(tiny_info(tiny_models_dir), steps=50), CancelToken())
	assert isinstance(next(running), Started) and manager.busy
	waiting = CancelToken()
	waiting.cancel()
	events = run_all(manager, tiny_job(tiny_info(tiny_models_dir)), waiting)
	assert len(events) == 1 and result_of(events).status is RunStatus.INTERRUPTED
	running.close()


def test_a_pipeline_error_frees_the_device(manager: PipelineManager, probe: UNetProbe, tiny_models_dir: Path) -> None:
	info = tiny_info(tiny_models_dir)
	run_all(manager, tiny_job(info))
	probe.fail_with = RuntimeError('boom in the UNet')
	failed = result_of(run_all(manager, tiny_job(info)))
	assert failed.status is RunStatus.FAILED
	assert failed.error == 'RuntimeError: boom in the UNet'
	assert not manager.busy
	probe.fail_with = None
	assert result_of(run_all(manager, tiny_job(info))).status is RunStatus.COMPLETED


def test_out_of_memory_is_explained(manager: PipelineManager, probe: UNetProbe, tiny_models_dir: Path) -> None:
	info = tiny_info(tiny_models_dir)
	run_all(manager, tiny_job(info))
	probe.fail_with = torch.OutOfMemoryError('CUDA out of memory')
	failed = result_of(run_all(manager, tiny_job(info, batch_size=2)))
	assert failed.status is RunStatus.FAILED
	assert (
		failed.error
		== 'Out of memory on the CPU at 64x64, batch 2: close other programs or try a smaller size or batch size 1.'
	)


def test_a_model_that_cannot_load_fails_the_job_clearly(manager: PipelineManager, tmp_path: Path) -> None:
	broken = tmp_path / 'broken'
	broken.mkdir()
	(broken / 'model_index.json').write_text('{"_class_name": "StableDiffusionPipeline"}')
	info = ModelInfo(name='broken', path=broken, family=Family.SD1)
	failed = result_of(run_all(manager, tiny_job(info)))
	assert failed.status is RunStatus.FAILED
	assert failed.error is not None and failed.error.startswith('broken: cannot load the model')
	assert not manager.busy
