import torch

class RestoreFormer(torch.nn.Module):
	"""RestoreFormer: a face restoration model (spandrel purpose 'FaceSR')."""

	def __init__(
		self,
		*,
		n_embed: int = 1024,
		embed_dim: int = 256,
		ch: int = 64,
		ch_mult: tuple[int, ...] = (1, 2, 2, 4, 4, 8),
		num_res_blocks: int = 2,
		z_channels: int = 256,
	) -> None: ...
