# Typed surface of the diffusers scheduler members the sampler subclasses in localai_ui/cores/samplers/ use.
import torch
from diffusers import SchedulerMixin

class KDPM2AncestralDiscreteSchedulerOutput:
	prev_sample: torch.Tensor
	pred_original_sample: torch.Tensor | None
	def __init__(self, prev_sample: torch.Tensor, pred_original_sample: torch.Tensor | None = None) -> None: ...

class KDPM2AncestralDiscreteScheduler(SchedulerMixin):
	sigmas_interpol: torch.Tensor
	sigmas_up: torch.Tensor
	sigmas_down: torch.Tensor
	sample: torch.Tensor | None
	_step_index: int | None
	@property
	def step_index(self) -> int | None: ...
	@property
	def init_noise_sigma(self) -> torch.Tensor: ...
	def scale_model_input(self, sample: torch.Tensor, timestep: float | torch.Tensor) -> torch.Tensor: ...
	def _init_step_index(self, timestep: float | torch.Tensor) -> None: ...
	def step(
		self,
		model_output: torch.Tensor,
		timestep: float | torch.Tensor,
		sample: torch.Tensor,
		generator: torch.Generator | list[torch.Generator] | None = None,
		return_dict: bool = True,
	) -> KDPM2AncestralDiscreteSchedulerOutput | tuple[torch.Tensor, torch.Tensor]: ...
