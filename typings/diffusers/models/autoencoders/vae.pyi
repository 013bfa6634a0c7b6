import torch

class DecoderOutput:
	sample: torch.Tensor
	def __init__(self, sample: torch.Tensor) -> None: ...
