"""Models stay cached in RAM up to the budget, one active; switching back is a cache hit; RSS stays flat."""

import psutil

from localai_ui.context import AppContext
from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.model_cache import model_bytes
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.models import ModelInfo
from tests.cores.jobs import new_applier


class CountingLoader:
	def __init__(self) -> None:
		self.loads: list[str] = []
		self.largest = 0

	def __call__(self, info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		self.loads.append(info.name)
		loaded = load_model(info, plan)
		self.largest = max(self.largest, model_bytes(loaded))
		return loaded


def tiny_pair(context: AppContext) -> tuple[ModelInfo, ModelInfo]:
	library, catalog = context.libraries.checkpoints.library, context.libraries.catalog
	return catalog.info(library.record('tiny-sd15')), catalog.info(library.record('tiny-sdxl'))


def test_switching_back_to_a_cached_model_does_not_reload(models_context: AppContext) -> None:
	sd15, sdxl = tiny_pair(models_context)
	loader = CountingLoader()
	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=loader, ram_cache_bytes=1 << 30)
	for info in (sd15, sdxl, sd15, sdxl):
		assert manager.load(info, CancelToken())
	assert loader.loads == ['tiny-sd15', 'tiny-sdxl']
	assert manager.loaded_model == sdxl and [model.name for model in manager.cached_models] == [
		'tiny-sd15',
		'tiny-sdxl',
	]
	manager.unload(sd15)
	assert manager.cached_models == [sdxl]
	manager.unload()
	assert manager.loaded_model is None and manager.cached_models == []


def test_a_zero_budget_keeps_only_the_active_model(models_context: AppContext) -> None:
	sd15, sdxl = tiny_pair(models_context)
	loader = CountingLoader()
	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=loader, ram_cache_bytes=0)
	for info in (sd15, sdxl, sd15):
		manager.load(info, CancelToken())
	assert loader.loads == ['tiny-sd15', 'tiny-sdxl', 'tiny-sd15'] and manager.cached_models == [sd15]


def test_cancelled_load_loads_nothing(models_context: AppContext) -> None:
	cancel = CancelToken()
	cancel.cancel()
	manager = PipelineManager(plan_device('cpu'), new_applier())
	assert not manager.load(tiny_pair(models_context)[0], cancel) and manager.loaded_model is None


def test_ten_switches_do_not_grow_rss_beyond_one_model(models_context: AppContext) -> None:
	sd15, sdxl = tiny_pair(models_context)
	loader = CountingLoader()
	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=loader, ram_cache_bytes=0)
	process = psutil.Process()
	for info in (sd15, sdxl, sd15, sdxl):
		manager.load(info, CancelToken())
	before = process.memory_info().rss
	for switch in range(10):
		manager.load((sd15, sdxl)[switch % 2], CancelToken())
	growth = process.memory_info().rss - before
	assert len(loader.loads) == 14
	assert growth <= loader.largest, f'RSS grew {growth} bytes over ten switches; one model is {loader.largest}'
