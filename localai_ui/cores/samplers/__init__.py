"""AUTOMATIC1111's samplers and schedule types on diffusers schedulers, run the way A1111 (k-diffusion) runs them.

Every sampler accepts the schedule types `schedules_for` lists; "Automatic" runs A1111's choice for it. k-diffusion
samplers get A1111's sigma schedule computed from the model's alphas_cumprod and the model's exact continuous
timesteps. What differs from A1111 or cannot run here, and why:

- DPM fast, DPM adaptive, Restart: no diffusers scheduler; DPM adaptive also picks its step count while it runs.
- DDIM CFG++, Euler CFG++, Euler A CFG++ (Forge): CFG++ needs the unguided prediction inside the step, and diffusers
  pipelines mix guidance before the scheduler sees it.
- KL Optimal with Heun, DPM2, DPM2 a, DPM++ 2S a, DPM++ SDE, DEIS: their diffusers classes always take one first-order
  step into sigma 0 at the end; A1111's KL Optimal ends at the model's smallest sigma with a full step.
- DDIM, PLMS, UniPC, LCM, DDPM, TCD accept only "Automatic": A1111 ignores the schedule type for its timestep
  samplers (DDIM, PLMS, UniPC); LCM, DDPM and TCD run on their own diffusers timesteps.
- SDE samplers (DPM++ 2M SDE, 2M SDE Heun, 3M SDE) draw Gaussian noise per step from each image's generator where
  A1111 uses a Brownian tree: same distribution, reproducible per seed, not the same pixels as A1111. DPM++ SDE uses
  a Brownian tree seeded per image. LCM uses diffusers' consistency step (A1111 runs it as a k-diffusion sampler);
  LCM and TCD refuse more than the model's 50 original steps, as diffusers' classes cannot take them.
- DEIS (not an A1111 sampler) cannot step to sigma 0: planned runs end at the model's smallest sigma, with an idle
  last step when the schedule already ends there, as diffusers' own DEIS with Karras sigmas does.
- DPM-Solver++ samplers start from unit-variance noise in diffusers' variance-preserving form (0.2 % larger than
  A1111's sigma-max noise); DPM++ 3M SDE fixes a sign in diffusers 0.42's third-order SDE update.
"""

from collections.abc import Mapping

from localai_ui.cores.samplers.build import BuiltScheduler, build_scheduler
from localai_ui.cores.samplers.catalog import SAMPLERS, SamplerSpec
from localai_ui.cores.samplers.sigma_schedules import SIGMA_SCHEDULES, SigmaSchedule
from localai_ui.schemas.samplers import SAMPLER_INFOS, SamplerInfo, resolve_schedule, runnable_schedule, schedules_for

SCHEDULES: Mapping[str, SigmaSchedule | None] = {'Automatic': None, **SIGMA_SCHEDULES}

__all__ = [
	'SAMPLERS',
	'SAMPLER_INFOS',
	'SCHEDULES',
	'BuiltScheduler',
	'SamplerInfo',
	'SamplerSpec',
	'build_scheduler',
	'resolve_schedule',
	'runnable_schedule',
	'schedules_for',
]
