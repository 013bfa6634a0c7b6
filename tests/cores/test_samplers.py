"""A1111 sampler names build fresh diffusers schedulers that really use the schedule type the user picked."""

from collections.abc import Mapping

import pytest
import torch
from diffusers import EulerDiscreteScheduler, SchedulerMixin

from localai_ui.cores.pipeline.samplers import SAMPLERS, SCHEDULES, build_scheduler, resolve_schedule
from localai_ui.schemas.samplers import SAMPLER_NAMES, SCHEDULE_NAMES

SEEDS = [7, 8]


def _base(**changes: object) -> dict[str, object]:
	config = EulerDiscreteScheduler(
		beta_start=0.00085, beta_end=0.012, beta_schedule='scaled_linear', steps_offset=1
	).config
	return {**dict(config), **changes}


def _config(scheduler: SchedulerMixin) -> Mapping[str, object]:
	config: Mapping[str, object] = scheduler.config
	return config


def _build(sampler: str, schedule: str = 'Automatic', base: Mapping[str, object] | None = None) -> SchedulerMixin:
	return build_scheduler(_base() if base is None else base, sampler, schedule, SEEDS).scheduler


def test_every_ui_name_has_a_sampler() -> None:
	assert set(SAMPLER_NAMES) == set(SAMPLERS)
	assert set(SCHEDULE_NAMES) == set(SCHEDULES)


@pytest.mark.parametrize('schedule', SCHEDULE_NAMES)
@pytest.mark.parametrize('sampler', SAMPLER_NAMES)
def test_every_sampler_builds_and_sets_timesteps_with_every_schedule(sampler: str, schedule: str) -> None:
	built = build_scheduler(_base(), sampler, schedule, SEEDS)
	assert isinstance(built.scheduler, SAMPLERS[sampler].scheduler)
	assert built.schedule == resolve_schedule(sampler, schedule)
	built.scheduler.set_timesteps(8)
	assert len(built.scheduler.timesteps) >= 8


def test_a_sampler_without_sigma_schedules_falls_back_to_automatic() -> None:
	assert resolve_schedule('DDIM', 'Karras') == 'Automatic'
	built = build_scheduler(_base(), 'DDIM', 'Karras', SEEDS)
	assert built.schedule == 'Automatic'
	assert 'use_karras_sigmas' not in _config(built.scheduler)


def test_karras_is_kept_and_really_used() -> None:
	assert resolve_schedule('DPM++ 2M', 'Karras') == 'Karras'
	karras = _build('DPM++ 2M', 'Karras')
	assert _config(karras)['use_karras_sigmas'] is True
	plain = _build('DPM++ 2M')
	karras.set_timesteps(10)
	plain.set_timesteps(10)
	assert not torch.equal(karras.timesteps, plain.timesteps)


@pytest.mark.parametrize('sampler', ['Euler', 'DPM++ 2M', 'Heun'])
def test_automatic_never_inherits_karras_from_the_base_config(sampler: str) -> None:
	base = _base(use_karras_sigmas=True, use_exponential_sigmas=True)
	config = _config(_build(sampler, 'Automatic', base))
	assert config['use_karras_sigmas'] is False
	assert config['use_exponential_sigmas'] is False


def test_base_config_is_not_mutated() -> None:
	base = _base()
	before = dict(base)
	_build('DPM++ SDE', 'Karras', base)
	_build('DPM++ 2M SDE', 'SGM Uniform', base)
	assert base == before


def test_dpmpp_sde_noise_is_seeded_per_image() -> None:
	assert _config(_build('DPM++ SDE'))['noise_sampler_seed'] == SEEDS


def test_dpmpp_2m_sde_uses_the_sde_algorithm() -> None:
	assert _config(_build('DPM++ 2M SDE'))['algorithm_type'] == 'sde-dpmsolver++'
	assert _config(_build('DPM++ 2M'))['algorithm_type'] == 'dpmsolver++'


@pytest.mark.parametrize(('sampler', 'factor'), [('Heun', 2), ('DPM2', 2), ('DPM++ SDE', 2), ('Euler', 1)])
def test_second_order_samplers_take_two_calls_per_step(sampler: str, factor: int) -> None:
	scheduler = _build(sampler)
	scheduler.set_timesteps(10)
	assert len(scheduler.timesteps) == factor * 10 - (factor - 1)


@pytest.mark.parametrize(('sampler', 'schedule'), [('Euler b', 'Automatic'), ('Euler', 'Linear')])
def test_unknown_names_raise(sampler: str, schedule: str) -> None:
	with pytest.raises(ValueError, match='unknown'):
		build_scheduler(_base(), sampler, schedule, SEEDS)
	with pytest.raises(ValueError, match='unknown'):
		resolve_schedule(sampler, schedule)
