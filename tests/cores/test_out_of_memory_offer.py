"""A run that runs out of GPU memory fails with the advice and the lighter mode to offer: high offers medium, medium
offers low, low (the lightest) and the CPU offer nothing, and any other failure offers nothing either."""

from pathlib import Path

import pytest

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationResult, RunStatus
from localai_ui.schemas.system import MemoryMode, MemoryRequest
from tests.cores.jobs import new_applier, result_of, run_all, tiny_info, tiny_job
from tests.cuda_like import OutOfMemoryLoader, cuda_like_plan


def _run_on_cuda(request: MemoryRequest, loader: OutOfMemoryLoader, models_dir: Path) -> GenerationResult:
	manager = PipelineManager(cuda_like_plan(lambda: request), new_applier(), loader=loader)
	try:
		return result_of(run_all(manager, tiny_job(tiny_info(models_dir), batch_size=2)))
	finally:
		manager.unload()


@pytest.mark.parametrize(
	('request_', 'offered'),
	[('high', MemoryMode.MEDIUM), ('medium', MemoryMode.LOW), ('low', None)],
)
def test_a_run_out_of_gpu_memory_offers_the_next_lighter_mode(
	request_: MemoryRequest, offered: MemoryMode | None, tiny_models_dir: Path
) -> None:
	loader = OutOfMemoryLoader()
	failed = _run_on_cuda(request_, loader, tiny_models_dir)
	assert loader.modes == [MemoryMode(request_)]
	assert failed.status is RunStatus.FAILED and failed.images == ()
	assert failed.error is not None and failed.error.startswith(f'Out of memory in {request_} mode at 64x64, batch 2')
	assert failed.lighter_mode == offered
	if offered is None:
		assert 'the lightest mode' in failed.error and 'try a smaller size or batch size 1' in failed.error
	else:
		assert f'{offered.value} mode (--memory {offered.value}' in failed.error


def test_auto_offers_the_mode_below_the_one_it_chose(tiny_models_dir: Path) -> None:
	"""24 GB free: auto places the tiny SD 1.5 model in high mode, so medium is offered."""
	loader = OutOfMemoryLoader()
	failed = _run_on_cuda('auto', loader, tiny_models_dir)
	assert loader.modes == [MemoryMode.HIGH]
	assert failed.lighter_mode is MemoryMode.MEDIUM


def test_a_load_out_of_memory_offers_the_mode_below_the_one_asked_for(tiny_models_dir: Path) -> None:
	failed = _run_on_cuda('medium', OutOfMemoryLoader(at_load=True), tiny_models_dir)
	assert failed.status is RunStatus.FAILED
	assert failed.error is not None and failed.error.startswith('Out of memory in medium mode at 64x64')
	assert failed.lighter_mode is MemoryMode.LOW


def test_on_the_cpu_nothing_is_offered(tiny_models_dir: Path) -> None:
	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=OutOfMemoryLoader())
	try:
		failed = result_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir))))
	finally:
		manager.unload()
	assert failed.status is RunStatus.FAILED
	assert failed.error is not None and failed.error.startswith('Out of memory on the CPU at 64x64')
	assert failed.lighter_mode is None


def test_a_failure_other_than_memory_offers_nothing(tiny_models_dir: Path) -> None:
	"""A load that fails for another reason (here a broken GPU driver) names it and offers no mode."""

	def broken_driver(_info: ModelInfo, _plan: DevicePlan) -> LoadedModel:
		raise RuntimeError('CUDA error: unspecified launch failure')

	manager = PipelineManager(cuda_like_plan(lambda: 'high'), new_applier(), loader=broken_driver)
	try:
		failed = result_of(run_all(manager, tiny_job(tiny_info(tiny_models_dir))))
	finally:
		manager.unload()
	assert failed.error == 'RuntimeError: CUDA error: unspecified launch failure'
	assert failed.lighter_mode is None
