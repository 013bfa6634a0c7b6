# Typed surface of the diffusers scheduler members the sampler subclasses in localai_ui/cores/samplers/ use.
import torch
from diffusers import SchedulerMixin

class TCDSchedulerOutput:
	prev_sample: torch.Tensor

class TCDScheduler(SchedulerMixin):
	def step(
		self,
		model_output: torch.Tensor,
		timestep: int | torch.Tensor,
		sample: torch.Tensor,
		eta: float = 0.3,
		generator: torch.Generator | list[torch.Generator] | None = None,
		return_dict: bool = True,
	) -> TCDSchedulerOutput | tuple[torch.Tensor, torch.Tensor]: ...
