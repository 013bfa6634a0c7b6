"""Independent references: the SD 1.x noise levels and k-diffusion's schedules, written out in torch as k-diffusion
and A1111 compute them, so the app's own schedule code is checked against something it does not share."""

import math
from collections.abc import Callable

import torch
from diffusers import EulerDiscreteScheduler

SEEDS = (7, 8)
Reference = Callable[[int], torch.Tensor]


def sd_config(**changes: object) -> dict[str, object]:
	"""The scheduler config SD 1.x checkpoints (and the tiny test models) carry."""
	config = EulerDiscreteScheduler(
		beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear', steps_offset=1, timestep_spacing='leading'
	).config
	return {**dict(config), **changes}


def model_sigmas() -> torch.Tensor:
	"""sqrt((1 - alphas_cumprod) / alphas_cumprod) for SD's scaled-linear betas, timesteps 0..999 (ascending)."""
	betas = torch.linspace(0.00085**0.5, 0.012**0.5, 1000, dtype=torch.float64) ** 2
	alphas_cumprod = torch.cumprod(1 - betas, dim=0)
	return ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5


def karras(steps: int, rho: float = 7.0) -> torch.Tensor:
	"""k_diffusion.sampling.get_sigmas_karras between the model's end sigmas, with the final 0."""
	sigmas = model_sigmas()
	ramp = torch.linspace(0, 1, steps, dtype=torch.float64)
	low, high = float(sigmas[0]) ** (1 / rho), float(sigmas[-1]) ** (1 / rho)
	return torch.cat([(high + ramp * (low - high)) ** rho, torch.zeros(1, dtype=torch.float64)])


def uniform(steps: int) -> torch.Tensor:
	"""k-diffusion's DiscreteSchedule.get_sigmas: timesteps 999..0, interpolated in log sigma, then 0."""
	log_sigmas = model_sigmas().log()
	t = torch.linspace(999, 0, steps, dtype=torch.float64)
	low, high, weight = t.floor().long(), t.ceil().long(), t.frac()
	return torch.cat([((1 - weight) * log_sigmas[low] + weight * log_sigmas[high]).exp(), torch.zeros(1)])


def exponential(steps: int) -> torch.Tensor:
	sigmas = model_sigmas()
	logs = torch.linspace(math.log(float(sigmas[-1])), math.log(float(sigmas[0])), steps, dtype=torch.float64)
	return torch.cat([logs.exp(), torch.zeros(1, dtype=torch.float64)])


def floats(tensor: torch.Tensor) -> list[float]:
	"""A tensor's values as plain floats (torch types `tolist` loosely)."""
	values: list[float] = tensor.detach().double().numpy().tolist()
	return values
