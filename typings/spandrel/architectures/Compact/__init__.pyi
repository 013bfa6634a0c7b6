import torch
from spandrel import Architecture

class Compact(torch.nn.Module):
	"""Real-ESRGAN "Compact" (SRVGGNetCompact): a plain conv stack, then pixel shuffle."""

	def __init__(
		self,
		*,
		num_in_ch: int = 3,
		num_out_ch: int = 3,
		num_feat: int = 64,
		num_conv: int = 16,
		upscale: int = 4,
		act_type: str = 'prelu',
	) -> None: ...

class CompactArch(Architecture[Compact]):
	def __init__(self) -> None: ...
