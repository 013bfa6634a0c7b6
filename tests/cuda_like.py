"""A device plan as a CUDA GPU of a given size would make, for machines without one: the models load on the CPU, are
placed (and planned, and advised on) as the GPU's memory policy says, and every UNet call runs out of memory."""

from collections.abc import Callable

import torch

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.memory_policy import MemoryPolicy
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.system import MemoryMode, MemoryRequest

GB = 1 << 30
CUDA = torch.device('cuda:0')


def cuda_like_plan(request: Callable[[], MemoryRequest], vram_gb: float = 24) -> DevicePlan:
	"""A plan for `cuda:0` with `vram_gb` free and in total; `request` is the memory request in force."""
	size = int(vram_gb * GB)
	policy = MemoryPolicy(request, lambda _device: size, lambda _device: size)
	return DevicePlan(CUDA, torch.float32, channels_last=False, memory=policy)


class OutOfMemoryLoader:
	"""Loads on the CPU, records the placement the plan's policy makes for the GPU, and makes each UNet call raise
	torch.OutOfMemoryError as a card too small would (or the placement itself, `at_load`); `modes` lists the mode
	of each load."""

	def __init__(self, *, at_load: bool = False) -> None:
		self.modes: list[MemoryMode] = []
		self._at_load = at_load
		self.failure: Exception = torch.OutOfMemoryError('CUDA out of memory. Tried to allocate 2.00 GiB')

	def __call__(self, info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loaded = load_model(info, plan_device('cpu'))
		placement = plan.memory.placement(info.family, plan.device)
		if self._at_load:
			raise torch.OutOfMemoryError('CUDA out of memory while moving the model to the GPU')
		plan.memory.remember(loaded.pipeline, placement)
		self.modes.append(placement.plan.mode)
		loaded.pipeline.unet.register_forward_pre_hook(self._out_of_memory)
		return loaded

	def _out_of_memory(self, _module: torch.nn.Module, _args: tuple[object, ...]) -> None:
		raise self.failure  # set another error to fail a run some other way
