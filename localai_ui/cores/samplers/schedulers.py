"""The diffusers schedulers A1111's samplers run on, each subclassed only where it must be to run what A1111 runs."""

import torch
from diffusers import LCMScheduler, SchedulerMixin
from diffusers.schedulers.scheduling_deis_multistep import DEISMultistepScheduler
from diffusers.schedulers.scheduling_dpmsolver_multistep import DPMSolverMultistepScheduler
from diffusers.schedulers.scheduling_dpmsolver_sde import DPMSolverSDEScheduler
from diffusers.schedulers.scheduling_euler_ancestral_discrete import EulerAncestralDiscreteScheduler
from diffusers.schedulers.scheduling_euler_discrete import EulerDiscreteScheduler
from diffusers.schedulers.scheduling_heun_discrete import HeunDiscreteScheduler
from diffusers.schedulers.scheduling_k_dpm_2_ancestral_discrete import KDPM2AncestralDiscreteScheduler
from diffusers.schedulers.scheduling_k_dpm_2_discrete import KDPM2DiscreteScheduler
from diffusers.schedulers.scheduling_lms_discrete import LMSDiscreteScheduler
from diffusers.schedulers.scheduling_tcd import TCDScheduler, TCDSchedulerOutput

from localai_ui.cores.samplers.planned_sigmas import HookedSigmas, ReplacedSigmas
from localai_ui.schemas.errors import InvalidRequestError

TCD_GAMMA = 0.3  # the TCD paper's default stochasticity, which Forge and ComfyUI use


class PlannedEuler(ReplacedSigmas, EulerDiscreteScheduler):
	"""Euler on an A1111 schedule."""


class PlannedEulerAncestral(ReplacedSigmas, EulerAncestralDiscreteScheduler):
	"""Euler a on an A1111 schedule (diffusers' class has no schedule options of its own)."""


class PlannedLMS(ReplacedSigmas, LMSDiscreteScheduler):
	"""LMS on an A1111 schedule."""


class PlannedHeun(HookedSigmas, HeunDiscreteScheduler):
	"""Heun on an A1111 schedule."""


class PlannedDPM2(HookedSigmas, KDPM2DiscreteScheduler):
	"""DPM2 on an A1111 schedule."""


class PlannedDPM2Ancestral(HookedSigmas, KDPM2AncestralDiscreteScheduler):
	"""DPM2 a on an A1111 schedule."""


class PlannedDPMSolverSDE(HookedSigmas, DPMSolverSDEScheduler):
	"""DPM++ SDE on an A1111 schedule; its Brownian-tree noise is seeded per image by the build."""


class PlannedDPMSolverMultistep(HookedSigmas, DPMSolverMultistepScheduler):
	"""DPM++ 2M, 2M SDE (midpoint or Heun) and 3M SDE on an A1111 schedule, with continuous model timesteps."""

	def set_timesteps(self, num_inference_steps: int, device: str | torch.device | None = None) -> None:
		super().set_timesteps(num_inference_steps, device)
		self.use_float_timesteps(device)

	def multistep_dpm_solver_third_order_update(
		self,
		model_output_list: list[torch.Tensor],
		*args: object,
		sample: torch.Tensor | None = None,
		noise: torch.Tensor | None = None,
		**kwargs: object,
	) -> torch.Tensor:
		"""diffusers 0.42's third-order SDE update gives the second difference D2 the factor (A - 1/2) where
		k-diffusion's DPM++ 3M SDE (and the ODE form of the same update) has (A + 1/2): add the missing 1 * D2."""
		x_t = super().multistep_dpm_solver_third_order_update(
			model_output_list, *args, sample=sample, noise=noise, **kwargs
		)
		if self.config['algorithm_type'] != 'sde-dpmsolver++' or self.step_index is None:
			return x_t
		index = self.step_index
		alpha_t, sigma_t = self._sigma_to_alpha_sigma_t(self.sigmas[index + 1])
		lambdas = [torch.log(alpha_t) - torch.log(sigma_t)]
		for offset in (0, 1, 2):
			alpha, sigma = self._sigma_to_alpha_sigma_t(self.sigmas[index - offset])
			lambdas.append(torch.log(alpha) - torch.log(sigma))
		h, h_0, h_1 = lambdas[0] - lambdas[1], lambdas[1] - lambdas[2], lambdas[2] - lambdas[3]
		r0, r1 = h_0 / h, h_1 / h
		m0, m1, m2 = model_output_list[-1], model_output_list[-2], model_output_list[-3]
		second_difference = ((m0 - m1) / r0 - (m1 - m2) / r1) / (r0 + r1)
		return x_t + alpha_t * second_difference


class PlannedDEIS(HookedSigmas, DEISMultistepScheduler):
	"""DEIS on an A1111 schedule. DEIS cannot step to sigma 0, so the run ends at the model's smallest sigma."""

	def set_timesteps(self, num_inference_steps: int, device: str | torch.device | None = None) -> None:
		super().set_timesteps(num_inference_steps, device)
		if self.plan is None:
			return
		smallest = float(((1 - self.alphas_cumprod[0]) / self.alphas_cumprod[0]) ** 0.5)
		self.sigmas[-1] = min(float(self.sigmas[-1]), smallest)
		self.use_float_timesteps(device)


class ConsistencySteps(SchedulerMixin):
	"""LCM and TCD pick their steps among the model's original ones (50): more is a clear error, not diffusers'."""

	def set_timesteps(self, num_inference_steps: int, device: str | torch.device | None = None) -> None:
		limit = self.config.get('original_inference_steps', 50)
		if isinstance(limit, int) and num_inference_steps > limit:
			raise InvalidRequestError(
				f'{num_inference_steps} steps: consistency samplers (LCM, TCD) run at most {limit}; 4 to 8 is typical'
			)
		super().set_timesteps(num_inference_steps, device)


class LimitedLCM(ConsistencySteps, LCMScheduler):
	"""LCM, refusing more steps than the model's original schedule holds."""


class TCDWithGamma(ConsistencySteps, TCDScheduler):
	"""TCD at gamma 0.3: pipelines pass DDIM's `eta` (0 unless asked) to any step that takes one."""

	def step(
		self,
		model_output: torch.Tensor,
		timestep: int | torch.Tensor,
		sample: torch.Tensor,
		eta: float = TCD_GAMMA,
		generator: torch.Generator | list[torch.Generator] | None = None,
		return_dict: bool = True,
	) -> TCDSchedulerOutput | tuple[torch.Tensor, torch.Tensor]:
		del eta
		return super().step(model_output, timestep, sample, TCD_GAMMA, generator, return_dict)
