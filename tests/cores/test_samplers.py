"""Every A1111 sampler builds a fresh diffusers scheduler that runs each schedule type it accepts, and nothing else."""

from collections.abc import Mapping

import numpy as np
import pytest
import torch
from diffusers import SchedulerMixin

from localai_ui.cores.pipeline.samplers import SAMPLERS, SCHEDULES, build_scheduler, resolve_schedule, schedules_for
from localai_ui.cores.samplers.build import accepted_keys
from localai_ui.cores.samplers.planned_sigmas import PlannedSigmas
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.samplers import SAMPLER_INFOS, SAMPLER_NAMES, SCHEDULE_NAMES, ScheduleNotAcceptedError
from tests.samplers.references import SEEDS, sd_config

CONSISTENCY = ('LCM', 'TCD')
PAIRS = [(info.name, schedule) for info in SAMPLER_INFOS for schedule in info.schedules]


def _config(scheduler: SchedulerMixin) -> Mapping[str, object]:
	config: Mapping[str, object] = scheduler.config
	return config


def _build(sampler: str, schedule: str = 'Automatic', base: Mapping[str, object] | None = None) -> SchedulerMixin:
	return build_scheduler(sd_config() if base is None else base, sampler, schedule, SEEDS, Family.SD1).scheduler


def test_every_ui_name_has_a_sampler_and_every_schedule_a_function() -> None:
	assert set(SAMPLER_NAMES) == set(SAMPLERS)
	assert set(SCHEDULE_NAMES) == set(SCHEDULES)


@pytest.mark.parametrize('sampler', SAMPLER_NAMES)
def test_every_extra_setting_is_one_the_class_takes(sampler: str) -> None:
	spec = SAMPLERS[sampler]
	assert set(spec.extra) <= accepted_keys(spec.scheduler)
	config = _config(_build(sampler))
	assert {key: config[key] for key in spec.extra} == dict(spec.extra)


@pytest.mark.parametrize(('sampler', 'schedule'), PAIRS)
def test_every_sampler_builds_and_sets_timesteps_with_every_schedule_it_accepts(sampler: str, schedule: str) -> None:
	built = build_scheduler(sd_config(), sampler, schedule, SEEDS, Family.SD1)
	assert isinstance(built.scheduler, SAMPLERS[sampler].scheduler)
	assert built.schedule == resolve_schedule(sampler, schedule)
	built.scheduler.set_timesteps(8)
	timesteps = built.scheduler.timesteps
	assert len(timesteps) >= 8
	assert bool(torch.isfinite(timesteps).all())
	assert float(timesteps[0]) > float(timesteps[-1])
	if built.schedule != 'Automatic':
		assert isinstance(built.scheduler, PlannedSigmas)
		planned = built.scheduler.planned_sigmas(8)[:-1]
		ran = built.scheduler.sigmas.double().numpy()
		assert all(np.isclose(ran, sigma, rtol=1e-5).any() for sigma in planned), f'{sampler}/{schedule}: {ran}'
	for steps in (1, 50 if sampler in CONSISTENCY else 150):
		built.scheduler.set_timesteps(steps)
		assert len(built.scheduler.timesteps) >= steps and bool(torch.isfinite(built.scheduler.timesteps).all())


@pytest.mark.parametrize('sampler', CONSISTENCY)
def test_consistency_samplers_refuse_more_steps_than_the_model_has(sampler: str) -> None:
	with pytest.raises(InvalidRequestError, match='60 steps: consistency samplers'):
		_build(sampler).set_timesteps(60)


@pytest.mark.parametrize('sampler', [info.name for info in SAMPLER_INFOS if info.schedules == ('Automatic',)])
def test_samplers_on_their_own_timesteps_refuse_other_schedules_and_name_what_they_accept(sampler: str) -> None:
	with pytest.raises(ScheduleNotAcceptedError) as caught:
		build_scheduler(sd_config(), sampler, 'Karras', SEEDS)
	assert f"sampler {sampler!r} cannot run schedule type 'Karras'; it accepts: Automatic" in str(caught.value)
	assert not isinstance(_build(sampler), PlannedSigmas)


def test_a_refused_pair_lists_every_accepted_schedule() -> None:
	with pytest.raises(ScheduleNotAcceptedError, match="'Heun' cannot run schedule type 'KL Optimal'") as caught:
		resolve_schedule('Heun', 'KL Optimal')
	assert str(caught.value).endswith(', '.join(schedules_for('Heun')))
	assert 'KL Optimal' not in schedules_for('Heun') and 'Karras' in schedules_for('Heun')


@pytest.mark.parametrize(
	('sampler', 'runs'),
	[
		('DPM++ 2M', 'Karras'),
		('DPM++ 2M SDE', 'Exponential'),
		('DPM2', 'Karras'),
		('Euler', 'Uniform'),
		('DDIM', 'Automatic'),
	],
)
def test_automatic_runs_what_a1111_picks_for_the_sampler(sampler: str, runs: str) -> None:
	assert build_scheduler(sd_config(), sampler, 'Automatic', SEEDS).schedule == runs


@pytest.mark.parametrize('sampler', ['Euler', 'DPM++ 2M', 'Heun', 'DEIS'])
def test_a_model_config_that_asks_for_karras_does_not_leak_into_other_schedules(sampler: str) -> None:
	base = sd_config(use_karras_sigmas=True, use_beta_sigmas=True)
	plain, inherited = _build(sampler, 'Uniform'), _build(sampler, 'Uniform', base)
	plain.set_timesteps(10)
	inherited.set_timesteps(10)
	assert torch.equal(plain.timesteps, inherited.timesteps)
	assert _config(inherited)['use_karras_sigmas'] is False


def test_base_config_is_not_mutated() -> None:
	base = sd_config()
	before = dict(base)
	_build('DPM++ SDE', 'Karras', base)
	_build('DPM++ 3M SDE', 'SGM Uniform', base)
	assert base == before


def test_dpmpp_sde_noise_is_seeded_per_image() -> None:
	assert _config(_build('DPM++ SDE'))['noise_sampler_seed'] == list(SEEDS)


@pytest.mark.parametrize(
	('sampler', 'algorithm', 'order', 'solver'),
	[
		('DPM++ 2M', 'dpmsolver++', 2, 'midpoint'),
		('DPM++ 2M SDE', 'sde-dpmsolver++', 2, 'midpoint'),
		('DPM++ 2M SDE Heun', 'sde-dpmsolver++', 2, 'heun'),
		('DPM++ 3M SDE', 'sde-dpmsolver++', 3, 'heun'),
	],
)
def test_dpm_solver_variants(sampler: str, algorithm: str, order: int, solver: str) -> None:
	config = _config(_build(sampler))
	assert (config['algorithm_type'], config['solver_order'], config['solver_type']) == (algorithm, order, solver)


@pytest.mark.parametrize(
	('sampler', 'calls'), [('Heun', 19), ('DPM2', 19), ('DPM++ SDE', 19), ('DPM++ 2S a', 19), ('Euler', 10)]
)
def test_second_order_samplers_take_two_calls_per_step(sampler: str, calls: int) -> None:
	scheduler = _build(sampler)
	scheduler.set_timesteps(10)
	assert len(scheduler.timesteps) == calls


def test_align_your_steps_needs_the_model_family() -> None:
	with pytest.raises(ValueError, match='architecture'):
		build_scheduler(sd_config(), 'Euler', 'Align Your Steps', SEEDS)
	sd1, sdxl = (
		_build('Euler', 'Align Your Steps'),
		build_scheduler(sd_config(), 'Euler', 'Align Your Steps', SEEDS, Family.SDXL).scheduler,
	)
	sd1.set_timesteps(11)
	sdxl.set_timesteps(11)
	assert float(sd1.timesteps[1]) != float(sdxl.timesteps[1])


@pytest.mark.parametrize(
	('sampler', 'schedule'), [('Euler b', 'Automatic'), ('Euler', 'Linear'), ('Restart', 'Karras')]
)
def test_unknown_names_raise(sampler: str, schedule: str) -> None:
	with pytest.raises(ValueError, match='unknown|cannot run here'):
		build_scheduler(sd_config(), sampler, schedule, SEEDS)
	with pytest.raises(ValueError, match='unknown|cannot run here'):
		resolve_schedule(sampler, schedule)
