"""A1111 names: old combined names and infotexts still resolve to what runs; what cannot run says why."""

import pytest

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.samplers import (
	SAMPLER_INFOS,
	SCHEDULE_NAMES,
	UNAVAILABLE_SAMPLERS,
	ScheduleNotAcceptedError,
	UnknownSamplerError,
	automatic_schedule,
	resolve_schedule,
	runnable_schedule,
	schedules_for,
	split_sampler_name,
)


@pytest.mark.parametrize(
	('name', 'expected'),
	[
		('DPM++ 2M Karras', ('DPM++ 2M', 'Karras')),
		('Euler a Karras', ('Euler a', 'Karras')),
		('DPM++ 2M SDE Heun Exponential', ('DPM++ 2M SDE Heun', 'Exponential')),
		('DPM++ 3M SDE Karras', ('DPM++ 3M SDE', 'Karras')),
		('DPM2 a Karras', ('DPM2 a', 'Karras')),
		('DDIM', ('DDIM', None)),
		('  DPM++   2S a ', ('DPM++ 2S a', None)),
	],
)
def test_old_combined_names_still_parse_and_run(name: str, expected: tuple[str, str | None]) -> None:
	assert split_sampler_name(name) == expected
	sampler, schedule = expected
	assert resolve_schedule(sampler, schedule or 'Automatic') in SCHEDULE_NAMES


def test_a_request_with_an_old_name_keeps_its_schedule() -> None:
	request = GenerationRequest(sampler='Euler a Karras')
	assert (request.sampler, request.schedule) == ('Euler a', 'Karras')
	assert resolve_schedule(request.sampler, request.schedule) == 'Karras'


@pytest.mark.parametrize(
	('sampler', 'schedule', 'runs'),
	[
		('DDIM', 'Karras', 'Automatic'),  # A1111 ignores the schedule type of its timestep samplers
		('UniPC', 'Exponential', 'Automatic'),
		('Euler a', 'Karras', 'Karras'),
		('DPM++ 2M', 'Automatic', 'Karras'),
		('DPM++ 2M', None, 'Karras'),
		('Heun', 'KL Optimal', 'Uniform'),
	],
)
def test_infotexts_resolve_to_what_runs(sampler: str, schedule: str | None, runs: str) -> None:
	assert runnable_schedule(sampler, schedule) == runs


def test_a_pair_that_cannot_run_is_a_user_error_naming_both_and_the_choices() -> None:
	with pytest.raises(ScheduleNotAcceptedError) as caught:
		resolve_schedule('PLMS', 'Beta')
	assert isinstance(caught.value, InvalidRequestError) and isinstance(caught.value, ValueError)
	assert str(caught.value) == "sampler 'PLMS' cannot run schedule type 'Beta'; it accepts: Automatic"


@pytest.mark.parametrize('name', sorted(UNAVAILABLE_SAMPLERS))
def test_a1111_samplers_that_cannot_run_say_why(name: str) -> None:
	with pytest.raises(UnknownSamplerError) as caught:
		split_sampler_name(name)
	assert f"sampler '{name}' cannot run here: {UNAVAILABLE_SAMPLERS[name]}" in str(caught.value)
	with pytest.raises(InvalidRequestError):
		schedules_for(name)


def test_every_sampler_offers_automatic_first_and_runs_a_schedule_it_offers() -> None:
	for info in SAMPLER_INFOS:
		assert info.schedules[0] == 'Automatic'
		assert set(info.schedules) <= set(SCHEDULE_NAMES)
		assert automatic_schedule(info.name) in info.schedules
		assert info.description and '\n' not in info.description
	assert schedules_for('Euler a') == SCHEDULE_NAMES
	assert schedules_for('TCD') == ('Automatic',)


def test_unknown_schedule_lists_the_schedule_types() -> None:
	with pytest.raises(UnknownSamplerError, match="unknown schedule type 'Linear'; choose one of: Automatic, Uniform"):
		resolve_schedule('Euler', 'Linear')


@pytest.mark.parametrize(
	('alias', 'expected'),
	[
		('k_euler_a', ('Euler a', None)),
		('k_euler_ancestral', ('Euler a', None)),
		('K_DPMPP_2M', ('DPM++ 2M', None)),
		('k_dpmpp_2m_ka', ('DPM++ 2M', 'Karras')),
		('k_dpmpp_2m_sde_heun_exp', ('DPM++ 2M SDE Heun', 'Exponential')),
		('k_dpmpp_3m_sde', ('DPM++ 3M SDE', None)),
		('k_lms_ka', ('LMS', 'Karras')),
		('unipc', ('UniPC', None)),
	],
)
def test_a1111_short_names_resolve(alias: str, expected: tuple[str, str | None]) -> None:
	assert split_sampler_name(alias) == expected


def test_short_names_of_samplers_that_cannot_run_say_why() -> None:
	with pytest.raises(UnknownSamplerError, match="'DPM adaptive' cannot run here"):
		split_sampler_name('k_dpm_ad')
	with pytest.raises(UnknownSamplerError, match="unknown sampler 'ddim_ka'"):
		split_sampler_name('ddim_ka')
