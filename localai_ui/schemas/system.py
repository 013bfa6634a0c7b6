"""What the machine has (System page), what `--device` asked for, and how models are kept in GPU memory."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from localai_ui.schemas.assets import Family

DeviceKind = Literal['auto', 'cpu', 'cuda', 'mps']
DeviceType = Literal['cpu', 'cuda', 'mps']
MemoryRequest = Literal['auto', 'high', 'medium', 'low']
MEMORY_REQUESTS: tuple[MemoryRequest, ...] = ('auto', 'high', 'medium', 'low')


@dataclass(frozen=True)
class GpuInfo:
	"""One CUDA GPU as PyTorch sees it; `capability` is the compute capability, (8, 9) for an RTX 4090."""

	index: int
	name: str
	total_bytes: int
	free_bytes: int
	capability: tuple[int, int]


@dataclass(frozen=True)
class DiskSpace:
	"""Free space on the disk that holds one of the app's folders (`label` says which: data, outputs ...)."""

	label: str
	path: Path
	free_bytes: int
	total_bytes: int


@dataclass(frozen=True)
class SystemInfo:
	"""Everything the System page shows; `cuda_problem` explains, with the fix, why an NVIDIA GPU goes unused.

	`versions` maps torch, torchvision, diffusers, transformers, gradio and python to a version, None when not
	installed. RAM figures are None where the platform offers no way to read them without a new dependency.
	"""

	device: str
	dtype: str
	gpus: tuple[GpuInfo, ...]
	driver_version: str | None
	cuda_version: str | None
	cudnn_version: str | None
	versions: dict[str, str | None]
	ram_total_bytes: int | None
	ram_available_bytes: int | None
	disks: tuple[DiskSpace, ...]
	cuda_problem: str | None
	driver_present: bool
	mps_available: bool
	torch_build: str
	platform: str
	cpu_count: int


@dataclass(frozen=True)
class DeviceRequest:
	"""What `--device` asked for: `index` only for an explicit `cuda:N`."""

	kind: DeviceKind
	index: int | None = None

	@property
	def text(self) -> str:
		"""The request as the user writes it ('cuda:1', 'auto')."""
		return self.kind if self.index is None else f'{self.kind}:{self.index}'


class MemoryMode(StrEnum):
	"""How much of the model stays on the GPU: high = all of it, medium = A1111's --medvram, low = --lowvram."""

	HIGH = 'high'
	MEDIUM = 'medium'
	LOW = 'low'


@dataclass(frozen=True)
class MemoryPlan:
	"""The memory savers a run uses, and why in one sentence a user can read.

	`estimated_peak_bytes` is the planner's estimate of GPU memory needed (None off CUDA, where nothing is planned).
	"""

	mode: MemoryMode
	device_type: DeviceType
	vae_tiling: bool
	vae_slicing: bool
	attention_slicing: bool
	model_cpu_offload: bool
	sequential_cpu_offload: bool
	reason: str
	estimated_peak_bytes: int | None = None


@dataclass(frozen=True)
class FamilyAdvice:
	"""A model family worth using on this machine, the memory mode it would run in, and why."""

	family: Family
	mode: MemoryMode
	why: str

	@property
	def label(self) -> str:
		return self.family.label
