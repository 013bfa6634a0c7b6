"""Device policy: CUDA in fp16 when available, else CPU in fp32; the user may force either."""

from dataclasses import dataclass
from typing import Literal

import torch

from localai_ui.schemas.errors import ModelLoadError

DevicePolicy = Literal['auto', 'cuda', 'cpu']


@dataclass(frozen=True)
class DevicePlan:
	"""Where models run, in which precision, and whether the UNet uses channels_last."""

	device: torch.device
	dtype: torch.dtype
	channels_last: bool

	@property
	def label(self) -> str:
		return f'{self.device.type} {str(self.dtype).removeprefix("torch.")}'


def plan_device(policy: DevicePolicy, *, cuda_available: bool | None = None) -> DevicePlan:
	"""Resolve `--device` into a plan; asking for CUDA on a machine without it is a clear error."""
	has_cuda = torch.cuda.is_available() if cuda_available is None else cuda_available
	if policy == 'cuda' and not has_cuda:
		raise ModelLoadError('--device cuda was asked for, but PyTorch sees no CUDA GPU; use --device auto or cpu')
	if policy != 'cpu' and has_cuda:
		return DevicePlan(torch.device('cuda'), torch.float16, channels_last=True)
	return DevicePlan(torch.device('cpu'), torch.float32, channels_last=False)
