"""Device policy: `--device auto|cpu|cuda|cuda:N|mps`. CUDA runs in fp16, Apple MPS in fp16 where it works (else
fp32), the CPU in fp32. Seeds always draw their noise from a CPU generator, so a seed gives the same image anywhere."""

from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from localai_ui.cores.loading.memory_policy import MemoryPolicy, Placement
from localai_ui.cores.loading.memory_savers import place_pipeline
from localai_ui.cores.loading.pipeline_types import LoadedPipeline
from localai_ui.cores.memory import parse_device, resolve_device
from localai_ui.schemas.assets import Family


@dataclass(frozen=True)
class DevicePlan:
	"""Where models run, in which precision, whether the UNet uses channels_last, and how much of a model stays in
	GPU memory (`memory`, planned at each load)."""

	device: torch.device
	dtype: torch.dtype
	channels_last: bool
	memory: MemoryPolicy = field(default_factory=MemoryPolicy, compare=False, repr=False)

	@property
	def label(self) -> str:
		return f'{self.device} {str(self.dtype).removeprefix("torch.")}'

	def place(self, pipeline: LoadedPipeline, family: Family) -> LoadedPipeline:
		"""Move a freshly loaded pipeline to the device in the memory mode planned for it now."""
		placement = self.memory.placement(family, self.device)
		placed = place_pipeline(pipeline, placement.plan, self.device)
		self.memory.remember(placed, placement)
		return placed

	def placement_of(self, pipeline: LoadedPipeline) -> Placement | None:
		return self.memory.placement_of(pipeline)


def mps_half_works() -> bool:
	"""Whether float16 math runs on this Mac's MPS (older macOS versions lack some half-precision kernels)."""
	try:
		ones = torch.ones((2, 2), dtype=torch.float16, device='mps')
		return bool(torch.isfinite(ones @ ones).all().item())
	except (RuntimeError, TypeError):
		return False


def plan_device(
	policy: str = 'auto',
	*,
	gpu_count: int | None = None,
	mps_available: bool | None = None,
	mps_half: Callable[[], bool] = mps_half_works,
	memory: MemoryPolicy | None = None,
	cuda_problem: str | None = None,
) -> DevicePlan:
	"""Resolve `--device` (or the stored device setting) into a plan; a device this machine lacks is refused with a
	message naming it (and `cuda_problem`, the System page's diagnosis, when CUDA should have been there)."""
	request = parse_device(policy)
	gpus = torch.cuda.device_count() if gpu_count is None else gpu_count
	mps = torch.backends.mps.is_available() if mps_available is None else mps_available
	chosen = resolve_device(request, gpu_count=gpus, mps_available=mps, cuda_problem=cuda_problem)
	policy_memory = memory or MemoryPolicy()
	if chosen.startswith('cuda'):
		return DevicePlan(torch.device(chosen), torch.float16, channels_last=True, memory=policy_memory)
	if chosen == 'mps':
		dtype = torch.float16 if mps_half() else torch.float32
		return DevicePlan(torch.device('mps'), dtype, channels_last=False, memory=policy_memory)
	return DevicePlan(torch.device('cpu'), torch.float32, channels_last=False, memory=policy_memory)
