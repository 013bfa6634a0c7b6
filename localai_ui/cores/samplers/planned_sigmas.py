"""Make a diffusers scheduler run an A1111 sigma schedule: either replace its sigmas after `set_timesteps`, or
answer its own "convert sigmas" hook so it builds every derived table (interleaved midpoints, up/down sigmas) itself."""

from dataclasses import dataclass

import numpy as np
import torch
from diffusers import SchedulerMixin

from localai_ui.cores.samplers.sigma_schedules import ModelSigmas, Sigmas, SigmaSchedule
from localai_ui.schemas.assets import Family


@dataclass(frozen=True)
class SigmaPlan:
	"""The A1111 schedule one run uses; DPM2, DPM2 a and DPM++ 3M SDE drop the next-to-last sigma, as A1111 does."""

	schedule: SigmaSchedule
	discard_penultimate: bool = False
	architecture: Family | None = None

	def sigmas(self, alphas_cumprod: torch.Tensor, steps: int) -> Sigmas:
		"""The sigmas from noise to the end (usually 0): one more than the steps they make."""
		model = ModelSigmas.of(alphas_cumprod, self.architecture)
		if not self.discard_penultimate:
			return self.schedule(model, steps)
		sigmas = self.schedule(model, steps + 1)
		return np.concatenate([sigmas[:-2], sigmas[-1:]])

	def timesteps(self, alphas_cumprod: torch.Tensor, sigmas: Sigmas) -> Sigmas:
		"""The continuous model timestep of each sigma, as k-diffusion passes it to the model."""
		return ModelSigmas.of(alphas_cumprod).sigma_to_t(sigmas)


class PlannedSigmas(SchedulerMixin):
	"""A scheduler that runs `plan` when one is set; without a plan it behaves as its diffusers class."""

	plan: SigmaPlan | None = None
	alphas_cumprod: torch.Tensor
	sigmas: torch.Tensor
	num_inference_steps: int | None

	def planned_sigmas(self, steps: int) -> Sigmas:
		if self.plan is None:
			raise RuntimeError(f'{type(self).__name__} was asked for planned sigmas without a plan')
		return self.plan.sigmas(self.alphas_cumprod, steps)

	def use_float_timesteps(self, device: str | torch.device | None) -> None:
		"""Give the model the exact continuous timestep of each sigma (diffusers rounds them in some classes)."""
		if self.plan is not None:
			timesteps = self.plan.timesteps(self.alphas_cumprod, self.sigmas[:-1].double().numpy())
			self.timesteps = torch.tensor(timesteps, dtype=torch.float32, device=device)


class ReplacedSigmas(PlannedSigmas):
	"""For one-sigma-per-step classes (Euler, Euler a, LMS): set up as usual, then swap in the planned sigmas."""

	def set_timesteps(self, num_inference_steps: int, device: str | torch.device | None = None) -> None:
		super().set_timesteps(num_inference_steps, device)
		if self.plan is None:
			return
		sigmas = self.planned_sigmas(num_inference_steps)
		self.sigmas = torch.tensor(sigmas, dtype=torch.float32)
		self.num_inference_steps = len(sigmas) - 1
		self.use_float_timesteps(device)


class HookedSigmas(PlannedSigmas):
	"""For classes with `use_exponential_sigmas`: the build turns it on and this hook returns the planned sigmas
	(without the final 0, which the class appends itself)."""

	def _convert_to_exponential(self, in_sigmas: Sigmas, num_inference_steps: int | None = None) -> Sigmas:
		"""Called from the class's own `set_timesteps` (also from its __init__, before the build sets a plan)."""
		steps = num_inference_steps or self.num_inference_steps
		if self.plan is None or steps is None:
			return in_sigmas
		return self.planned_sigmas(steps)[:-1]
