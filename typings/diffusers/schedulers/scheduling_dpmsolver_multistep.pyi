# Typed surface of the diffusers scheduler members the sampler subclasses in localai_ui/cores/samplers/ use.
import torch
from diffusers import SchedulerMixin

class SchedulerOutput:
	prev_sample: torch.Tensor

class DPMSolverMultistepScheduler(SchedulerMixin):
	@property
	def step_index(self) -> int | None: ...
	def step(
		self,
		model_output: torch.Tensor,
		timestep: int | torch.Tensor,
		sample: torch.Tensor,
		generator: torch.Generator | list[torch.Generator] | None = None,
		variance_noise: torch.Tensor | None = None,
		return_dict: bool = True,
	) -> SchedulerOutput | tuple[torch.Tensor]: ...
	def _sigma_to_alpha_sigma_t(self, sigma: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]: ...
	def multistep_dpm_solver_third_order_update(
		self,
		model_output_list: list[torch.Tensor],
		*args: object,
		sample: torch.Tensor | None = None,
		noise: torch.Tensor | None = None,
		**kwargs: object,
	) -> torch.Tensor: ...
