import torch

class ESRGAN(torch.nn.Module):
	"""ESRGAN's RRDBNet (old layout); `shuffle_factor` 2 with `in_nc` 12 is Real-ESRGAN x2plus's pixel-unshuffle input."""

	def __init__(
		self,
		*,
		in_nc: int = 3,
		out_nc: int = 3,
		num_filters: int = 64,
		num_blocks: int = 23,
		scale: int = 4,
		shuffle_factor: int | None = None,
	) -> None: ...
