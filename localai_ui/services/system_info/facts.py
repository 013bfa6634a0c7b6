"""Raw facts the probes read, kept apart from the reading so the diagnosis can be tested with any machine's facts."""

from dataclasses import dataclass

from localai_ui.schemas.system import GpuInfo


@dataclass(frozen=True)
class TorchFacts:
	"""What the installed PyTorch reports: `version` is `torch.__version__` ('2.14.1+cu130'), `cuda_build` its CUDA."""

	version: str
	cuda_build: str | None
	cuda_available: bool
	gpus: tuple[GpuInfo, ...]
	cudnn: int | None
	mps_available: bool


@dataclass(frozen=True)
class DriverFacts:
	"""Whether an NVIDIA driver is installed, its version when readable, and what showed it (a file or nvidia-smi)."""

	present: bool
	version: str | None = None
	evidence: str | None = None


@dataclass(frozen=True)
class RamFacts:
	"""Physical memory in bytes; None where the platform gives no reading."""

	total_bytes: int | None
	available_bytes: int | None


NO_DRIVER = DriverFacts(present=False)
