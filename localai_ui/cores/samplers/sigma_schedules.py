"""A1111's schedule types, computed from the model's own alphas_cumprod the way A1111 (modules/sd_schedulers.py)
and k-diffusion do: continuous timesteps are interpolated in log sigma, sigma_min/max are the model's end sigmas."""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import torch
from numpy.typing import NDArray
from scipy.special import betaincinv

from localai_ui.schemas.assets import Family

Sigmas = NDArray[np.float64]

# NVIDIA's Align Your Steps tables, as A1111 ships them (SDXL; every other model takes the SD 1.5 table).
_AYS_SDXL = (14.615, 6.315, 3.771, 2.181, 1.342, 0.862, 0.555, 0.380, 0.234, 0.113, 0.029)
_AYS_SD15 = (14.615, 6.475, 3.861, 2.697, 1.886, 1.396, 0.963, 0.652, 0.399, 0.152, 0.029)
_BETA_ALPHA = _BETA_BETA = 0.6  # A1111's defaults for the Beta schedule


@dataclass(frozen=True)
class ModelSigmas:
	"""The model's noise level at each training timestep, ascending (k-diffusion's DiscreteSchedule)."""

	sigmas: Sigmas
	architecture: Family | None = None

	@classmethod
	def of(cls, alphas_cumprod: torch.Tensor, architecture: Family | None = None) -> 'ModelSigmas':
		alphas = alphas_cumprod.detach().to('cpu', torch.float64).numpy()
		return cls(np.sqrt((1 - alphas) / alphas), architecture)

	@property
	def sigma_min(self) -> float:
		return float(self.sigmas[0])

	@property
	def sigma_max(self) -> float:
		return float(self.sigmas[-1])

	def t_to_sigma(self, t: Sigmas) -> Sigmas:
		"""Sigma at continuous timesteps `t`, linear in log sigma between the training timesteps."""
		log_sigmas = np.log(self.sigmas)
		low = np.floor(t).astype(np.int64)
		high = np.ceil(t).astype(np.int64)
		weight = t - low
		return np.exp((1 - weight) * log_sigmas[low] + weight * log_sigmas[high])

	def sigma_to_t(self, sigma: Sigmas) -> Sigmas:
		"""The continuous timestep of each sigma (the inverse of `t_to_sigma`); sigma 0 maps to timestep 0."""
		log_sigmas = np.log(self.sigmas)
		log_sigma = np.log(np.maximum(sigma, 1e-10))
		distances = log_sigma - log_sigmas[:, np.newaxis]
		low = np.cumsum(distances >= 0, axis=0).argmax(axis=0).clip(max=len(log_sigmas) - 2)
		weight = np.clip((log_sigmas[low] - log_sigma) / (log_sigmas[low] - log_sigmas[low + 1]), 0, 1)
		return (1 - weight) * low + weight * (low + 1)


SigmaSchedule = Callable[[ModelSigmas, int], Sigmas]


def _with_zero(sigmas: Sigmas) -> Sigmas:
	return np.append(sigmas, 0.0)


def uniform(model: ModelSigmas, steps: int) -> Sigmas:
	"""k-diffusion's `get_sigmas`: timesteps evenly spaced from the last training timestep to 0."""
	return _with_zero(model.t_to_sigma(np.linspace(len(model.sigmas) - 1, 0, steps)))


def karras(model: ModelSigmas, steps: int, rho: float = 7.0) -> Sigmas:
	ramp = np.linspace(0, 1, steps)
	low, high = model.sigma_min ** (1 / rho), model.sigma_max ** (1 / rho)
	return _with_zero((high + ramp * (low - high)) ** rho)


def exponential(model: ModelSigmas, steps: int) -> Sigmas:
	return _with_zero(np.exp(np.linspace(math.log(model.sigma_max), math.log(model.sigma_min), steps)))


def polyexponential(model: ModelSigmas, steps: int, rho: float = 1.0) -> Sigmas:
	ramp = np.linspace(1, 0, steps) ** rho
	low, high = math.log(model.sigma_min), math.log(model.sigma_max)
	return _with_zero(np.exp(ramp * (high - low) + low))


def _end_timesteps(model: ModelSigmas) -> tuple[float, float]:
	start, end = model.sigma_to_t(np.array([model.sigma_max, model.sigma_min])).tolist()
	return float(start), float(end)


def sgm_uniform(model: ModelSigmas, steps: int) -> Sigmas:
	start, end = _end_timesteps(model)
	return _with_zero(model.t_to_sigma(np.linspace(start, end, steps + 1)[:-1]))


def kl_optimal(model: ModelSigmas, steps: int) -> Sigmas:
	"""A1111's KL Optimal: ends at the model's smallest sigma, not at 0."""
	share = np.arange(steps + 1) / steps
	return np.tan(share * math.atan(model.sigma_min) + (1 - share) * math.atan(model.sigma_max))


def align_your_steps(model: ModelSigmas, steps: int) -> Sigmas:
	if model.architecture is None:
		raise ValueError('Align Your Steps needs the model architecture (SD 1.x and SDXL use different tables)')
	table = np.array(_AYS_SDXL if model.architecture is Family.SDXL else _AYS_SD15)
	if steps == len(table):
		return _with_zero(table)
	positions = np.linspace(0, 1, len(table))
	logs = np.interp(np.linspace(0, 1, steps), positions, np.log(table[::-1]))
	return _with_zero(np.exp(logs)[::-1].copy())


def simple(model: ModelSigmas, steps: int) -> Sigmas:
	stride = len(model.sigmas) / steps
	return _with_zero(np.array([model.sigmas[-(1 + int(index * stride))] for index in range(steps)]))


def normal(model: ModelSigmas, steps: int) -> Sigmas:
	start, end = _end_timesteps(model)
	return _with_zero(model.t_to_sigma(np.linspace(start, end, steps)))


def ddim(model: ModelSigmas, steps: int) -> Sigmas:
	"""A1111's DDIM schedule: every k-th training sigma from timestep 1; may give a step or two more than asked."""
	stride = max(len(model.sigmas) // steps, 1)
	return _with_zero(model.sigmas[1::stride][::-1].copy())


def beta(model: ModelSigmas, steps: int) -> Sigmas:
	quantiles = betaincinv(_BETA_ALPHA, _BETA_BETA, 1 - np.linspace(0, 1, steps))
	return _with_zero(model.sigma_min + quantiles * (model.sigma_max - model.sigma_min))


SIGMA_SCHEDULES: Mapping[str, SigmaSchedule] = {
	'Uniform': uniform,
	'Karras': karras,
	'Exponential': exponential,
	'Polyexponential': polyexponential,
	'SGM Uniform': sgm_uniform,
	'KL Optimal': kl_optimal,
	'Align Your Steps': align_your_steps,
	'Simple': simple,
	'Normal': normal,
	'DDIM': ddim,
	'Beta': beta,
}
