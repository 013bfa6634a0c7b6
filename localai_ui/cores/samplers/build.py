"""A fresh scheduler for every run: the sampler's diffusers class on the model's own config and the A1111 schedule."""

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from diffusers import SchedulerMixin

from localai_ui.cores.samplers.catalog import SAMPLERS, SamplerSpec
from localai_ui.cores.samplers.planned_sigmas import HookedSigmas, PlannedSigmas, SigmaPlan
from localai_ui.cores.samplers.sigma_schedules import SIGMA_SCHEDULES
from localai_ui.schemas.assets import Family
from localai_ui.schemas.samplers import resolve_schedule

# Schedule switches a model's own config may carry ("DPM++ 2M Karras" configs): never inherited.
_RESET_KEYS = ('use_karras_sigmas', 'use_exponential_sigmas', 'use_beta_sigmas', 'use_lu_lambdas', 'use_flow_sigmas')
_ENDS_ABOVE_ZERO = frozenset({'KL Optimal'})


@dataclass(frozen=True)
class BuiltScheduler:
	"""A fresh scheduler and the schedule type it really runs ("Automatic" resolved to the sampler's own)."""

	scheduler: SchedulerMixin
	schedule: str


def build_scheduler(
	base_config: Mapping[str, object],
	sampler: str,
	schedule: str,
	seeds: Sequence[int],
	architecture: Family | None = None,
) -> BuiltScheduler:
	"""Build from the model's config; `seeds` seed per-image noise; Align Your Steps needs `architecture`.

	Raises UnknownSamplerError / ScheduleNotAcceptedError (both ValueErrors) for names or pairs that cannot run.
	"""
	effective = resolve_schedule(sampler, schedule)
	spec = SAMPLERS[sampler]
	plan = _plan(spec, effective, architecture)
	overrides: dict[str, object] = dict.fromkeys(_RESET_KEYS, False)
	overrides.update(spec.extra)
	if plan is not None:
		overrides['timestep_spacing'] = 'linspace'  # the plan sets the steps; linspace keeps init noise at sigma max
		overrides['use_exponential_sigmas'] = issubclass(spec.scheduler, HookedSigmas)
		overrides['final_sigmas_type'] = 'sigma_min' if effective in _ENDS_ABOVE_ZERO else 'zero'
	if spec.seeded_noise:
		overrides['noise_sampler_seed'] = list(seeds)
	accepted = accepted_keys(spec.scheduler)
	config = {key: value for key, value in {**base_config, **overrides}.items() if key in accepted}
	scheduler = spec.scheduler.from_config(config)
	if plan is not None:
		if not isinstance(scheduler, PlannedSigmas):
			raise TypeError(f'{sampler}: {spec.scheduler.__name__} cannot run A1111 schedules')
		scheduler.plan = plan
	return BuiltScheduler(scheduler, effective)


def _plan(spec: SamplerSpec, schedule: str, architecture: Family | None) -> SigmaPlan | None:
	function = SIGMA_SCHEDULES.get(schedule)
	if function is None:
		return None
	if schedule == 'Align Your Steps' and architecture is None:
		raise ValueError('Align Your Steps needs the model architecture: pass architecture= to build_scheduler')
	return SigmaPlan(function, spec.discard_penultimate, architecture)


@cache
def accepted_keys(scheduler: type[SchedulerMixin]) -> frozenset[str]:
	"""The config keys a scheduler class takes (from its __init__ signature, which its config mirrors)."""
	parameters = inspect.signature(scheduler.__init__).parameters
	return frozenset(name for name in parameters if name not in ('self', 'kwargs'))
