"""Read what PyTorch sees: its build, CUDA GPUs (name, memory, compute capability), cuDNN and Apple MPS."""

import torch

from localai_ui.schemas.system import GpuInfo
from localai_ui.services.system_info.facts import TorchFacts


def read_torch_facts() -> TorchFacts:
	"""Ask the installed torch; GPUs and cuDNN are only queried when CUDA works (querying makes a CUDA context)."""
	available = torch.cuda.is_available()
	return TorchFacts(
		version=str(torch.__version__),
		cuda_build=torch.version.cuda,
		cuda_available=available,
		gpus=tuple(_gpu(index) for index in range(torch.cuda.device_count())) if available else (),
		cudnn=torch.backends.cudnn.version() if available else None,
		mps_available=torch.backends.mps.is_available(),
	)


def _gpu(index: int) -> GpuInfo:
	free, total = torch.cuda.mem_get_info(index)
	major, minor = torch.cuda.get_device_capability(index)
	return GpuInfo(
		index=index,
		name=torch.cuda.get_device_name(index),
		total_bytes=total,
		free_bytes=free,
		capability=(major, minor),
	)
