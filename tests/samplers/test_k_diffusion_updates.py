"""The two samplers written here (DPM++ 2S a, the DPM++ 3M SDE fix) step exactly as k-diffusion's loops do, on a
fixed toy noise predictor and the same noise draws, so the comparison needs no model."""

import math

import torch

from localai_ui.cores.samplers import build_scheduler
from localai_ui.cores.samplers.dpmpp_2s_ancestral import DPMPlusPlus2SAncestral
from localai_ui.cores.samplers.schedulers import PlannedDPMSolverMultistep
from tests.samplers.references import SEEDS, floats, sd_config

SHAPE = (1, 4, 8, 8)


def _eps(scaled: torch.Tensor) -> torch.Tensor:
	"""A smooth, non-linear stand-in for a UNet's noise prediction."""
	return 0.5 * torch.tanh(scaled) + 0.1 * scaled


def _denoised(x: torch.Tensor, sigma: float) -> torch.Tensor:
	"""k-diffusion's eps-parametrised denoiser for the stand-in model (input scaled by 1 / sqrt(sigma^2 + 1))."""
	return x - sigma * _eps(x / math.sqrt(sigma**2 + 1))


def _start() -> torch.Tensor:
	return torch.randn(SHAPE, generator=torch.Generator().manual_seed(3))


def _dpmpp_2s_ancestral(sigmas: list[float], generator: torch.Generator) -> torch.Tensor:
	"""k_diffusion.sampling.sample_dpmpp_2s_ancestral with eta 1."""
	x = _start() * sigmas[0]
	for sigma, following in zip(sigmas[:-1], sigmas[1:], strict=True):
		denoised = _denoised(x, sigma)
		up = min(following, math.sqrt(following**2 * (sigma**2 - following**2) / sigma**2))
		down = math.sqrt(following**2 - up**2)
		if down == 0:
			x = x + (x - denoised) / sigma * (down - sigma)
		else:
			midpoint = math.sqrt(sigma * down)
			x_2 = (midpoint / sigma) * x + (1 - midpoint / sigma) * denoised
			x = (down / sigma) * x + (1 - down / sigma) * _denoised(x_2, midpoint)
		if following > 0:
			x = x + torch.randn(SHAPE, generator=generator) * up
	return x


def _dpmpp_3m_sde(sigmas: list[float], generator: torch.Generator) -> torch.Tensor:
	"""k_diffusion.sampling.sample_dpmpp_3m_sde with eta 1; noise is drawn every step as diffusers draws it."""
	x = _start() * sigmas[0]
	history: list[tuple[torch.Tensor, float]] = []
	for sigma, following in zip(sigmas[:-1], sigmas[1:], strict=True):
		denoised = _denoised(x, sigma)
		noise = torch.randn(SHAPE, generator=generator)
		if following == 0:
			return denoised
		h = math.log(sigma) - math.log(following)
		h_eta = 2 * h
		x = math.exp(-h_eta) * x - math.expm1(-h_eta) * denoised
		phi_2 = math.expm1(-h_eta) / h_eta + 1
		if len(history) >= 2:
			(denoised_1, h_1), (denoised_2, h_2) = history[-1], history[-2]
			r0, r1 = h_1 / h, h_2 / h
			d1_0, d1_1 = (denoised - denoised_1) / r0, (denoised_1 - denoised_2) / r1
			d1 = d1_0 + (d1_0 - d1_1) * r0 / (r0 + r1)
			d2 = (d1_0 - d1_1) / (r0 + r1)
			x = x + phi_2 * d1 - (phi_2 / h_eta - 0.5) * d2
		elif history:
			denoised_1, h_1 = history[-1]
			x = x + phi_2 * (denoised - denoised_1) / (h_1 / h)
		x = x + noise * following * math.sqrt(-math.expm1(-2 * h))
		history.append((denoised, h))
	return x


def test_dpmpp_2s_ancestral_steps_as_k_diffusion() -> None:
	scheduler = build_scheduler(sd_config(), 'DPM++ 2S a', 'Karras', SEEDS).scheduler
	assert isinstance(scheduler, DPMPlusPlus2SAncestral)
	scheduler.set_timesteps(6)
	sigmas = sorted(set(floats(scheduler.sigmas)), reverse=True)
	generator = torch.Generator().manual_seed(11)
	latents = _start() * scheduler.init_noise_sigma
	for timestep in scheduler.timesteps:
		output = scheduler.step(
			_eps(scheduler.scale_model_input(latents, timestep)), timestep, latents, generator, False
		)
		assert isinstance(output, tuple)
		latents = output[0]
	expected = _dpmpp_2s_ancestral(sigmas, torch.Generator().manual_seed(11))
	assert torch.allclose(latents, expected, atol=2e-4), float((latents - expected).abs().max())


def test_dpmpp_3m_sde_steps_as_k_diffusion() -> None:
	scheduler = build_scheduler(sd_config(), 'DPM++ 3M SDE', 'Exponential', SEEDS).scheduler
	assert isinstance(scheduler, PlannedDPMSolverMultistep)
	scheduler.set_timesteps(8)
	sigmas = floats(scheduler.sigmas)
	generator = torch.Generator().manual_seed(11)
	latents = _start() * sigmas[0] / math.sqrt(sigmas[0] ** 2 + 1)  # diffusers keeps x / sqrt(sigma^2 + 1)
	for timestep in scheduler.timesteps:
		output = scheduler.step(_eps(latents), timestep, latents, generator, return_dict=False)
		assert isinstance(output, tuple)
		latents = output[0]
	expected = _dpmpp_3m_sde(sigmas, torch.Generator().manual_seed(11))
	assert torch.allclose(latents, expected, atol=2e-4), float((latents - expected).abs().max())
