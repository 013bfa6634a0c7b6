"""The UNet's own forward for torch.compile to trace, and the inference-only state every trace sees."""

from collections.abc import Callable
from typing import cast

import torch


class PlainForward(torch.nn.Module):
	"""The UNet's own forward, reachable while the UNet's `forward` attribute is the dispatcher."""

	def __init__(self, unet: torch.nn.Module) -> None:
		super().__init__()
		self.unet = unet

	def forward(self, *args: object, **kwargs: object) -> object:
		return cast(Callable[..., object], type(self.unet).forward)(self.unet, *args, **kwargs)


def freeze_weights(unet: torch.nn.Module) -> bool:
	"""Turn off `requires_grad` everywhere (inference only); whether anything had it on."""
	thawed = [parameter for parameter in unet.parameters() if parameter.requires_grad]
	for parameter in thawed:
		parameter.requires_grad_(False)
	return bool(thawed)
