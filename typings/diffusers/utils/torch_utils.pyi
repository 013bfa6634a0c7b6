# Typed surface of the diffusers noise helper the sampler subclasses use.
import torch

def randn_tensor(
	shape: tuple[int, ...] | torch.Size,
	generator: torch.Generator | list[torch.Generator] | None = None,
	device: str | torch.device | None = None,
	dtype: torch.dtype | None = None,
	layout: torch.layout | None = None,
) -> torch.Tensor: ...
