"""Memory modes applied where models load: the mode planned from free VRAM (any GPU size, described), the VAE savers
switched per run, a changed request reloading the model on CUDA only, and the advice an out-of-memory error gives
(VAE tiling's exactness: test_vae_tiling.py)."""

import pytest
import torch

from localai_ui.context import AppContext
from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.memory_policy import MemoryPolicy
from localai_ui.cores.loading.memory_savers import vae_savers
from localai_ui.cores.loading.model_cache import ModelCache
from localai_ui.cores.memory import ram_cache_budget
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.system import MemoryMode, MemoryRequest
from tests.cores.jobs import new_applier, result_of, run_all, tiny_info, tiny_job

GB = 1 << 30
CUDA = torch.device('cuda:0')


def _policy(free_gb: float, request: MemoryRequest = 'auto', total_gb: float = 8) -> MemoryPolicy:
	return MemoryPolicy(lambda: request, lambda _device: int(free_gb * GB), lambda _device: int(total_gb * GB))


@pytest.mark.parametrize(
	('family', 'free_gb', 'request_', 'mode'),
	[
		(Family.SDXL, 23.0, 'auto', MemoryMode.HIGH),
		(Family.SDXL, 7.5, 'auto', MemoryMode.MEDIUM),
		(Family.SDXL, 3.5, 'auto', MemoryMode.LOW),
		(Family.SD1, 3.5, 'auto', MemoryMode.HIGH),
		(Family.SD1, 23.0, 'low', MemoryMode.LOW),
		(Family.UNKNOWN, 7.5, 'auto', MemoryMode.MEDIUM),
	],
)
def test_a_load_is_placed_in_the_mode_that_fits_the_free_vram(
	family: Family, free_gb: float, request_: MemoryRequest, mode: MemoryMode
) -> None:
	placement = _policy(free_gb, request_).placement(family, CUDA)
	assert placement.plan.mode == mode
	assert placement.plan.model_cpu_offload == (mode == MemoryMode.MEDIUM)
	assert placement.plan.sequential_cpu_offload == placement.plan.attention_slicing == (mode == MemoryMode.LOW)
	assert placement.request == request_ and placement.free_bytes == int(free_gb * GB)


def test_out_of_memory_names_the_mode_that_would_have_fitted() -> None:
	policy = _policy(9.0, 'high', total_gb=8)
	placement = policy.placement(Family.SDXL, CUDA)
	message = policy.out_of_memory(placement, Family.SDXL, CUDA, (1024, 1024, 1))
	assert message.startswith('Out of memory in high mode at 1024x1024')
	assert "medium mode (--memory medium, A1111's --medvram)" in message


def _tiny(context: AppContext) -> ModelInfo:
	return context.libraries.catalog.info(context.libraries.checkpoints.library.record('tiny-sd15'))


def test_each_run_switches_the_vae_savers_its_size_needs(context: AppContext) -> None:
	loads: list[str] = []

	def loader(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loads.append(info.name)
		return load_model(info, plan)

	asked: list[MemoryRequest] = ['auto']
	requests = MemoryPolicy(lambda: asked[0])
	cache = ModelCache(plan_device('cpu', memory=requests), loader, 0)
	info = _tiny(context)
	vae = vae_savers(cache.get(info, (2048, 2048, 1)).pipeline)
	assert (vae.use_tiling, vae.use_slicing) == (True, False)
	cache.get(info, (512, 512, 4))
	assert (vae.use_tiling, vae.use_slicing) == (False, True)
	asked[0] = 'low'  # on the CPU every request means "all in RAM": no reload
	cache.get(info, (512, 512, 1))
	assert (vae.use_tiling, vae.use_slicing) == (False, False)
	assert loads == ['tiny-sd15']
	placement = requests.placement_of(cache.get(info).pipeline)
	assert placement is not None and placement.plan.mode == MemoryMode.HIGH
	assert 'On the CPU the model runs from RAM' in placement.plan.reason


def test_a_run_through_the_manager_switches_the_savers_for_its_own_size(context: AppContext) -> None:
	"""The worker hands the run's size to the cache: a batch of 2 decodes one image at a time, the next single
	image does not (the same switch turns tiling on for a run over 1536x1536)."""
	loaded: list[LoadedModel] = []

	def loader(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loaded.append(load_model(info, plan))
		return loaded[-1]

	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=loader)
	info = tiny_info(context.settings.models_dir)
	try:
		assert result_of(run_all(manager, tiny_job(info, batch_size=2))).error is None
		[model] = loaded
		vae = vae_savers(model.pipeline)
		assert (vae.use_slicing, vae.use_tiling) == (True, False)
		assert result_of(run_all(manager, tiny_job(info))).error is None
		assert (vae.use_slicing, vae.use_tiling) == (False, False)
	finally:
		manager.unload()


@pytest.mark.parametrize(('ram_gb', 'budget_gb'), [(None, 4), (4, 0), (8, 0), (16, 4), (32, 12), (64, 16), (512, 16)])
def test_the_ram_cache_is_sized_to_the_machine(ram_gb: int | None, budget_gb: int) -> None:
	assert ram_cache_budget(None if ram_gb is None else ram_gb * GB) == budget_gb * GB
