"""k-diffusion's DPM++ 2S a on top of diffusers' DPM2 a: the same midpoint, step-down sigma and fresh noise, with
DPM-Solver++'s data-prediction update for the second half step (diffusers has no such scheduler)."""

import torch
from diffusers.schedulers.scheduling_k_dpm_2_ancestral_discrete import KDPM2AncestralDiscreteSchedulerOutput
from diffusers.utils.torch_utils import randn_tensor

from localai_ui.cores.samplers.schedulers import PlannedDPM2Ancestral


class DPMPlusPlus2SAncestral(PlannedDPM2Ancestral):
	"""First half step: Euler to the midpoint, which DPM2 a and DPM++ 2S a share; second half: x <- r x + (1 - r) D
	with r = sigma_down / sigma and D the denoised estimate at the midpoint, then noise of size sigma_up."""

	def step(
		self,
		model_output: torch.Tensor,
		timestep: float | torch.Tensor,
		sample: torch.Tensor,
		generator: torch.Generator | list[torch.Generator] | None = None,
		return_dict: bool = True,
	) -> KDPM2AncestralDiscreteSchedulerOutput | tuple[torch.Tensor, torch.Tensor]:
		if self.step_index is None:
			self._init_step_index(timestep)
		start = self.sample
		if start is None or self.step_index is None:
			return super().step(model_output, timestep, sample, generator, return_dict)
		index = self.step_index - 1
		sigma, midpoint = self.sigmas[index], self.sigmas_interpol[index]
		denoised = self._denoised(model_output, sample, midpoint)
		ratio = self.sigmas_down[index] / sigma
		noise = randn_tensor(model_output.shape, generator, model_output.device, model_output.dtype)
		previous = ratio * start + (1 - ratio) * denoised + noise * self.sigmas_up[index]
		self.sample = None
		self._step_index = self.step_index + 1
		if not return_dict:
			return previous, denoised
		return KDPM2AncestralDiscreteSchedulerOutput(prev_sample=previous, pred_original_sample=denoised)

	def _denoised(self, model_output: torch.Tensor, sample: torch.Tensor, sigma: torch.Tensor) -> torch.Tensor:
		"""The model's data prediction at `sigma`; the first half step has already refused other prediction types."""
		if self.config['prediction_type'] == 'v_prediction':
			return model_output * (-sigma / (sigma**2 + 1) ** 0.5) + sample / (sigma**2 + 1)
		return sample - sigma * model_output
