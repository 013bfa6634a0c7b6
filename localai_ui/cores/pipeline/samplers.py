"""A1111 sampler and schedule names mapped onto diffusers schedulers, built fresh for every run."""

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from diffusers import (
	DDIMScheduler,
	DPMSolverMultistepScheduler,
	DPMSolverSDEScheduler,
	DPMSolverSinglestepScheduler,
	EulerAncestralDiscreteScheduler,
	EulerDiscreteScheduler,
	HeunDiscreteScheduler,
	KDPM2AncestralDiscreteScheduler,
	KDPM2DiscreteScheduler,
	LCMScheduler,
	LMSDiscreteScheduler,
	PNDMScheduler,
	SchedulerMixin,
	UniPCMultistepScheduler,
)

from localai_ui.schemas.samplers import DEFAULT_SCHEDULE


@dataclass(frozen=True)
class SamplerSpec:
	"""One A1111 sampler: the diffusers class and the config it needs on top of the model's own."""

	scheduler: type[SchedulerMixin]
	extra: Mapping[str, object] = field(default_factory=dict[str, object])
	seeded_noise: bool = False


SAMPLERS: Mapping[str, SamplerSpec] = {
	'Euler': SamplerSpec(EulerDiscreteScheduler),
	'Euler a': SamplerSpec(EulerAncestralDiscreteScheduler),
	'Heun': SamplerSpec(HeunDiscreteScheduler),
	'LMS': SamplerSpec(LMSDiscreteScheduler),
	'DPM2': SamplerSpec(KDPM2DiscreteScheduler),
	'DPM2 a': SamplerSpec(KDPM2AncestralDiscreteScheduler),
	'DPM++ 2M': SamplerSpec(DPMSolverMultistepScheduler, {'algorithm_type': 'dpmsolver++', 'solver_order': 2}),
	'DPM++ 2M SDE': SamplerSpec(DPMSolverMultistepScheduler, {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 2}),
	'DPM++ SDE': SamplerSpec(DPMSolverSDEScheduler, seeded_noise=True),
	'DPM++ 2S a': SamplerSpec(
		DPMSolverSinglestepScheduler, {'algorithm_type': 'dpmsolver++', 'solver_order': 2, 'lower_order_final': True}
	),
	'DDIM': SamplerSpec(DDIMScheduler),
	'PLMS': SamplerSpec(PNDMScheduler, {'skip_prk_steps': True}),
	'UniPC': SamplerSpec(UniPCMultistepScheduler),
	'LCM': SamplerSpec(LCMScheduler),
}

SCHEDULES: Mapping[str, Mapping[str, object]] = {
	'Automatic': {},
	'Karras': {'use_karras_sigmas': True},
	'Exponential': {'use_exponential_sigmas': True},
	'Beta': {'use_beta_sigmas': True},
	'SGM Uniform': {'timestep_spacing': 'trailing'},
}

_SCHEDULE_KEYS = ('use_karras_sigmas', 'use_exponential_sigmas', 'use_beta_sigmas')


@dataclass(frozen=True)
class BuiltScheduler:
	"""A fresh scheduler and the schedule type it really uses (samplers without sigma schedules use their own)."""

	scheduler: SchedulerMixin
	schedule: str


def build_scheduler(
	base_config: Mapping[str, object], sampler: str, schedule: str, seeds: Sequence[int]
) -> BuiltScheduler:
	"""Build a new scheduler from the model's own config; `seeds` seed the noise of SDE samplers per image."""
	spec = SAMPLERS.get(sampler)
	if spec is None:
		raise ValueError(f'unknown sampler {sampler!r}; choose one of: {", ".join(SAMPLERS)}')
	if schedule not in SCHEDULES:
		raise ValueError(f'unknown schedule type {schedule!r}; choose one of: {", ".join(SCHEDULES)}')
	accepted = _accepted_keys(spec.scheduler)
	overrides: dict[str, object] = {key: False for key in _SCHEDULE_KEYS if key in accepted}
	overrides.update(spec.extra)
	effective = resolve_schedule(sampler, schedule)
	overrides.update(SCHEDULES[effective])
	if spec.seeded_noise:
		overrides['noise_sampler_seed'] = list(seeds)
	config = {key: value for key, value in base_config.items() if key in accepted}
	return BuiltScheduler(spec.scheduler.from_config({**config, **overrides}), effective)


def resolve_schedule(sampler: str, schedule: str) -> str:
	"""The schedule type a sampler really runs: one it cannot take falls back to its own ("Automatic")."""
	spec = SAMPLERS.get(sampler)
	options = SCHEDULES.get(schedule)
	if spec is None or options is None:
		raise ValueError(f'unknown sampler {sampler!r} or schedule type {schedule!r}')
	accepted = _accepted_keys(spec.scheduler)
	return schedule if all(key in accepted for key in options) else DEFAULT_SCHEDULE


@cache
def _accepted_keys(scheduler: type[SchedulerMixin]) -> frozenset[str]:
	"""The config keys a scheduler class takes (from its __init__ signature, which its config mirrors)."""
	parameters = inspect.signature(scheduler.__init__).parameters
	return frozenset(name for name in parameters if name not in ('self', 'kwargs'))
