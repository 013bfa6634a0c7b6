"""Each A1111 sampler name -> the diffusers scheduler and settings that run it the way A1111 (k-diffusion) does."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from diffusers import DDIMScheduler, PNDMScheduler, SchedulerMixin, UniPCMultistepScheduler
from diffusers.schedulers.scheduling_ddpm import DDPMScheduler

from localai_ui.cores.samplers.dpmpp_2s_ancestral import DPMPlusPlus2SAncestral
from localai_ui.cores.samplers.schedulers import (
	LimitedLCM,
	PlannedDEIS,
	PlannedDPM2,
	PlannedDPM2Ancestral,
	PlannedDPMSolverMultistep,
	PlannedDPMSolverSDE,
	PlannedEuler,
	PlannedEulerAncestral,
	PlannedHeun,
	PlannedLMS,
	TCDWithGamma,
)


@dataclass(frozen=True)
class SamplerSpec:
	"""One sampler: the diffusers class and the config it needs on top of the model's own.

	`seeded_noise`: the class draws Brownian-tree noise from per-image seeds rather than the pipeline's generators.
	`discard_penultimate`: A1111 asks the schedule for one step more and drops its next-to-last sigma.
	"""

	scheduler: type[SchedulerMixin]
	extra: Mapping[str, object] = field(default_factory=dict[str, object])
	seeded_noise: bool = False
	discard_penultimate: bool = False


# A1111 runs DDIM and PLMS on timesteps 1, 1 + 1000 // steps, ... ("leading" + offset 1), ending at alphas_cumprod[0].
_A1111_TIMESTEPS: Mapping[str, object] = {'timestep_spacing': 'leading', 'steps_offset': 1, 'set_alpha_to_one': False}


def _dpm_solver(algorithm: str, order: int, solver_type: str) -> Mapping[str, object]:
	"""k-diffusion's DPM-Solver++ samplers: only the first step is lower order (and a step into sigma 0)."""
	return {
		'algorithm_type': algorithm,
		'solver_order': order,
		'solver_type': solver_type,
		'lower_order_final': False,
		'euler_at_final': False,
		'thresholding': False,
	}


SAMPLERS: Mapping[str, SamplerSpec] = {
	'DPM++ 2M': SamplerSpec(PlannedDPMSolverMultistep, _dpm_solver('dpmsolver++', 2, 'midpoint')),
	'DPM++ SDE': SamplerSpec(PlannedDPMSolverSDE, seeded_noise=True),
	'DPM++ 2M SDE': SamplerSpec(PlannedDPMSolverMultistep, _dpm_solver('sde-dpmsolver++', 2, 'midpoint')),
	'DPM++ 2M SDE Heun': SamplerSpec(PlannedDPMSolverMultistep, _dpm_solver('sde-dpmsolver++', 2, 'heun')),
	'DPM++ 2S a': SamplerSpec(DPMPlusPlus2SAncestral),
	'DPM++ 3M SDE': SamplerSpec(
		PlannedDPMSolverMultistep, _dpm_solver('sde-dpmsolver++', 3, 'heun'), discard_penultimate=True
	),
	'Euler a': SamplerSpec(PlannedEulerAncestral),
	'Euler': SamplerSpec(PlannedEuler),
	'LMS': SamplerSpec(PlannedLMS),
	'Heun': SamplerSpec(PlannedHeun),
	'DPM2': SamplerSpec(PlannedDPM2, discard_penultimate=True),
	'DPM2 a': SamplerSpec(PlannedDPM2Ancestral, discard_penultimate=True),
	'DDIM': SamplerSpec(DDIMScheduler, {**_A1111_TIMESTEPS, 'clip_sample': False}),
	'PLMS': SamplerSpec(PNDMScheduler, {**_A1111_TIMESTEPS, 'skip_prk_steps': True}),
	# A1111's UniPC options: order 3, variant bh1, time-uniform steps ending at the model's smallest sigma.
	'UniPC': SamplerSpec(
		UniPCMultistepScheduler,
		{
			'solver_order': 3,
			'solver_type': 'bh1',
			'predict_x0': True,
			'lower_order_final': True,
			'timestep_spacing': 'linspace',
			'final_sigmas_type': 'sigma_min',
		},
	),
	'LCM': SamplerSpec(LimitedLCM),
	'DEIS': SamplerSpec(PlannedDEIS, {'timestep_spacing': 'linspace'}),
	'DDPM': SamplerSpec(DDPMScheduler, {'timestep_spacing': 'leading', 'steps_offset': 1, 'clip_sample': False}),
	'TCD': SamplerSpec(TCDWithGamma),
}
