"""Which memory mode a model loads in, and which VAE savers each run uses: the planner (cores/memory) fed with the
memory request in force (flag or setting, read at every load) and the free VRAM measured before the load."""

from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import torch

from localai_ui.cores.loading.pipeline_types import LoadedPipeline
from localai_ui.cores.memory import footprint, out_of_memory_advice, plan_memory, suggested_mode
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import DeviceType, MemoryMode, MemoryPlan, MemoryRequest

FreeVram = Callable[[torch.device], int | None]


def free_vram_bytes(device: torch.device) -> int | None:
	"""Free memory on a CUDA device as the driver reports it (other programs' use included); None off CUDA."""
	if device.type != 'cuda':
		return None
	free, _total = torch.cuda.mem_get_info(device)
	return free


def total_vram_bytes(device: torch.device) -> int | None:
	if device.type != 'cuda':
		return None
	_free, total = torch.cuda.mem_get_info(device)
	return total


def device_type(device: torch.device) -> DeviceType:
	return 'cuda' if device.type == 'cuda' else 'mps' if device.type == 'mps' else 'cpu'


def planned_family(family: Family) -> Family:
	"""A family with memory figures; a model of unknown family is planned as the largest one (SDXL)."""
	try:
		footprint(family)
	except InvalidRequestError:
		return Family.SDXL
	return family


@dataclass(frozen=True)
class Placement:
	"""How a loaded model sits in memory: the request it was placed for, the plan, and the VRAM that was free."""

	request: MemoryRequest
	plan: MemoryPlan
	free_bytes: int | None


def _auto() -> MemoryRequest:
	return 'auto'


class MemoryPolicy:
	"""Plans the memory mode of each load (at the family's native size) and the savers of each run (at its size)."""

	def __init__(
		self,
		request: Callable[[], MemoryRequest] = _auto,
		free_vram: FreeVram = free_vram_bytes,
		total_vram: FreeVram = total_vram_bytes,
	) -> None:
		self._request = request
		self._free_vram = free_vram
		self._total_vram = total_vram
		self._placed: WeakKeyDictionary[LoadedPipeline, Placement] = WeakKeyDictionary()

	def request(self) -> MemoryRequest:
		"""The memory request in force now (the flag, else the stored setting)."""
		return self._request()

	def placement(self, family: Family, device: torch.device) -> Placement:
		"""The mode a model of `family` loads in on `device`, measured now (before its weights arrive)."""
		requested, free = self.request(), self._free_vram(device)
		size = footprint(planned_family(family)).native_size
		plan = self._plan(requested, family, device, free, size, size, 1)
		return Placement(requested, plan, free)

	def remember(self, pipeline: LoadedPipeline, placement: Placement) -> None:
		self._placed[pipeline] = placement

	def placement_of(self, pipeline: LoadedPipeline) -> Placement | None:
		"""How `pipeline` was placed; None for one this policy did not place."""
		return self._placed.get(pipeline)

	def run_plan(
		self, placement: Placement, family: Family, device: torch.device, shape: tuple[int, int, int]
	) -> MemoryPlan:
		"""The savers for a run of (width, height, batch size) in the mode the model was placed in."""
		width, height, batch = shape
		mode = placement.plan.mode.value
		return self._plan(mode, family, device, placement.free_bytes, width, height, batch)

	def out_of_memory(
		self, placement: Placement | None, family: Family, device: torch.device, shape: tuple[int, int, int]
	) -> str:
		"""The message for a run that ran out of memory: the mode that failed and the one that would have fitted."""
		width, height, batch = shape
		return out_of_memory_advice(
			self._failed_plan(placement, family, device, shape),
			family=planned_family(family),
			width=width,
			height=height,
			batch_size=batch,
			vram_bytes=self._total_vram(device),
		)

	def lighter_mode(
		self, placement: Placement | None, family: Family, device: torch.device, shape: tuple[int, int, int]
	) -> MemoryMode | None:
		"""The lighter mode to offer after such a run (None off CUDA or in low mode, the lightest)."""
		return suggested_mode(self._failed_plan(placement, family, device, shape))

	def _failed_plan(
		self, placement: Placement | None, family: Family, device: torch.device, shape: tuple[int, int, int]
	) -> MemoryPlan:
		"""The plan of the run that failed: its model's placement; when the load itself failed, the mode asked for (auto
		with the free VRAM of that moment unknown: high)."""
		width, height, batch = shape
		return placement.plan if placement else self._plan(self.request(), family, device, None, width, height, batch)

	@staticmethod
	def _plan(
		requested: MemoryRequest,
		family: Family,
		device: torch.device,
		free: int | None,
		width: int,
		height: int,
		batch: int,
	) -> MemoryPlan:
		return plan_memory(
			requested,
			family=planned_family(family),
			device_type=device_type(device),
			free_vram_bytes=free,
			width=width,
			height=height,
			batch_size=batch,
		)
