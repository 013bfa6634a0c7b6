"""Every AUTOMATIC1111 sampler this app runs, the schedule types it accepts, and the ones that cannot run here."""

from collections.abc import Mapping
from dataclasses import dataclass

SCHEDULE_NAMES: tuple[str, ...] = (
	'Automatic',
	'Uniform',
	'Karras',
	'Exponential',
	'Polyexponential',
	'SGM Uniform',
	'KL Optimal',
	'Align Your Steps',
	'Simple',
	'Normal',
	'DDIM',
	'Beta',
)

# k-diffusion samplers: A1111 computes the sigma schedule and any sampler runs on any schedule.
_EVERY_SCHEDULE = SCHEDULE_NAMES
# diffusers' second-order samplers (and DEIS) always end the schedule at sigma 0 with one first-order step, so
# A1111's KL Optimal, which ends at the model's smallest sigma, cannot run the way A1111 runs it.
_ENDS_AT_ZERO = tuple(name for name in SCHEDULE_NAMES if name != 'KL Optimal')
_OWN_TIMESTEPS = ('Automatic',)


@dataclass(frozen=True)
class SamplerInfo:
	"""One sampler as the UI and `/list_samplers` show it; `automatic` names what "Automatic" runs."""

	name: str
	schedules: tuple[str, ...]
	description: str
	automatic: str = 'Automatic'


SAMPLER_INFOS: tuple[SamplerInfo, ...] = (
	SamplerInfo('DPM++ 2M', _EVERY_SCHEDULE, 'DPM-Solver++ 2M, deterministic; A1111 default', 'Karras'),
	SamplerInfo('DPM++ SDE', _ENDS_AT_ZERO, 'DPM-Solver++ SDE, two model calls a step, noise per image seed', 'Karras'),
	SamplerInfo('DPM++ 2M SDE', _EVERY_SCHEDULE, 'DPM-Solver++ 2M SDE (midpoint), noise per image seed', 'Exponential'),
	SamplerInfo('DPM++ 2M SDE Heun', _EVERY_SCHEDULE, 'DPM-Solver++ 2M SDE, Heun correction', 'Exponential'),
	SamplerInfo('DPM++ 2S a', _ENDS_AT_ZERO, 'DPM-Solver++ 2S ancestral, two model calls a step', 'Karras'),
	SamplerInfo('DPM++ 3M SDE', _EVERY_SCHEDULE, 'DPM-Solver++ 3M SDE, noise per image seed', 'Exponential'),
	SamplerInfo('Euler a', _EVERY_SCHEDULE, 'Euler ancestral: adds fresh noise every step', 'Uniform'),
	SamplerInfo('Euler', _EVERY_SCHEDULE, 'Euler, first order, deterministic', 'Uniform'),
	SamplerInfo('LMS', _EVERY_SCHEDULE, 'Linear multistep, fourth order', 'Uniform'),
	SamplerInfo('Heun', _ENDS_AT_ZERO, 'Heun, second order, two model calls a step', 'Uniform'),
	SamplerInfo('DPM2', _ENDS_AT_ZERO, 'DPM-Solver 2, two model calls a step', 'Karras'),
	SamplerInfo('DPM2 a', _ENDS_AT_ZERO, 'DPM-Solver 2 ancestral, two model calls a step', 'Karras'),
	SamplerInfo('DDIM', _OWN_TIMESTEPS, 'DDIM, eta 0, on its own evenly spaced timesteps'),
	SamplerInfo('PLMS', _OWN_TIMESTEPS, 'Pseudo linear multistep, on its own evenly spaced timesteps'),
	SamplerInfo('UniPC', _OWN_TIMESTEPS, 'UniPC (order 3, bh1) on its own time-uniform steps'),
	SamplerInfo('LCM', _OWN_TIMESTEPS, 'Latent consistency: for LCM models and LoRAs, 2 to 8 steps'),
	SamplerInfo('DEIS', _ENDS_AT_ZERO, 'DEIS multistep; Automatic uses its own timesteps'),
	SamplerInfo('DDPM', _OWN_TIMESTEPS, 'DDPM ancestral sampling, noise per image seed'),
	SamplerInfo('TCD', _OWN_TIMESTEPS, 'Trajectory consistency (gamma 0.3): for TCD models and LoRAs'),
)

UNAVAILABLE_SAMPLERS: Mapping[str, str] = {
	'DPM fast': 'it picks its own step orders between the end sigmas; diffusers has no such scheduler',
	'DPM adaptive': 'it chooses its step count while it runs; a diffusers pipeline needs the steps up front',
	'Restart': 'it jumps back up the noise schedule; diffusers has no Restart scheduler',
	'DDIM CFG++': 'CFG++ needs the unguided prediction inside the step; diffusers pipelines mix guidance first',
	'Euler CFG++': 'CFG++ needs the unguided prediction inside the step; diffusers pipelines mix guidance first',
	'Euler A CFG++': 'CFG++ needs the unguided prediction inside the step; diffusers pipelines mix guidance first',
}

# The short names A1111 accepts for each sampler (its `aliases`); `_ka` and `_exp` after a k_ name add the Karras or
# Exponential schedule, as older A1111 versions named the combinations (k_dpmpp_2m_ka: DPM++ 2M with Karras).
A1111_ALIASES: Mapping[str, tuple[str, ...]] = {
	'DPM++ 2M': ('k_dpmpp_2m',),
	'DPM++ SDE': ('k_dpmpp_sde',),
	'DPM++ 2M SDE': ('k_dpmpp_2m_sde',),
	'DPM++ 2M SDE Heun': ('k_dpmpp_2m_sde_heun',),
	'DPM++ 2S a': ('k_dpmpp_2s_a',),
	'DPM++ 3M SDE': ('k_dpmpp_3m_sde',),
	'Euler a': ('k_euler_a', 'k_euler_ancestral'),
	'Euler': ('k_euler',),
	'LMS': ('k_lms',),
	'Heun': ('k_heun',),
	'DPM2': ('k_dpm_2',),
	'DPM2 a': ('k_dpm_2_a',),
	'DDIM': ('ddim',),
	'PLMS': ('plms',),
	'UniPC': ('unipc',),
	'LCM': ('k_lcm',),
}
