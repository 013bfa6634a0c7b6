import torch

class SPAN(torch.nn.Module):
	"""SPAN: swift parameter-free attention network."""

	def __init__(self, *, num_in_ch: int, num_out_ch: int, feature_channels: int = 48, upscale: int = 4) -> None: ...
