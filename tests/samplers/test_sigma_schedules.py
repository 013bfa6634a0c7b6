"""The schedule types run the sigmas A1111 computes, checked against k-diffusion's formulas written out again."""

import numpy as np
import pytest
import torch

from localai_ui.cores.samplers import build_scheduler
from localai_ui.cores.samplers.planned_sigmas import PlannedSigmas
from localai_ui.schemas.assets import Family
from tests.samplers import references
from tests.samplers.references import SEEDS, floats, sd_config


def _planned(sampler: str, schedule: str, steps: int, family: Family = Family.SD1) -> PlannedSigmas:
	scheduler = build_scheduler(sd_config(), sampler, schedule, SEEDS, family).scheduler
	assert isinstance(scheduler, PlannedSigmas)
	scheduler.set_timesteps(steps)
	return scheduler


def _close(actual: torch.Tensor, expected: torch.Tensor) -> bool:
	return actual.shape == expected.shape and torch.allclose(actual.double(), expected.double(), rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize('steps', [2, 10, 25])
def test_euler_a_with_karras_really_steps_through_karras_sigmas(steps: int) -> None:
	scheduler = _planned('Euler a', 'Karras', steps)
	assert _close(scheduler.sigmas, references.karras(steps))
	assert float(scheduler.sigmas[0]) == pytest.approx(14.6146, abs=1e-3)
	uniform = _planned('Euler a', 'Automatic', steps)
	assert not _close(uniform.sigmas, scheduler.sigmas) or steps == 2


@pytest.mark.parametrize(
	('sampler', 'schedule', 'reference'),
	[
		('Euler', 'Automatic', references.uniform),
		('Euler', 'Normal', references.uniform),
		('LMS', 'Exponential', references.exponential),
		('Euler a', 'Polyexponential', references.exponential),
		('DPM++ 2M', 'Automatic', references.karras),
		('DPM++ 2M SDE', 'Automatic', references.exponential),
	],
)
def test_schedules_match_k_diffusion(sampler: str, schedule: str, reference: references.Reference) -> None:
	assert _close(_planned(sampler, schedule, 12).sigmas, reference(12))


def test_model_timesteps_are_the_continuous_ones_k_diffusion_passes() -> None:
	scheduler = _planned('DPM++ 2M', 'Karras', 12)
	sigmas = references.model_sigmas()
	for timestep, sigma in zip(floats(scheduler.timesteps), floats(scheduler.sigmas), strict=False):
		low = int(timestep)
		weight = timestep - low
		high = min(low + 1, 999)
		expected = torch.exp((1 - weight) * sigmas[low].log() + weight * sigmas[high].log())
		assert float(expected) == pytest.approx(sigma, rel=1e-4)
	assert not all(float(value).is_integer() for value in floats(scheduler.timesteps))


@pytest.mark.parametrize('sampler', ['DPM2', 'DPM2 a', 'DPM++ 3M SDE'])
def test_a1111_drops_the_next_to_last_sigma_for_some_samplers(sampler: str) -> None:
	seven = references.karras(7)
	expected = torch.cat([seven[:-2], seven[-1:]])
	ran = np.unique(_planned(sampler, 'Karras', 6).sigmas.double().numpy())
	assert np.allclose(ran, np.unique(expected.numpy()), rtol=2e-5)
	assert not np.isclose(ran, float(seven[-2]), rtol=1e-4).any()


def test_kl_optimal_ends_at_the_smallest_model_sigma_where_the_sampler_allows_it() -> None:
	for sampler in ('Euler', 'Euler a', 'LMS', 'DPM++ 2M'):
		sigmas = _planned(sampler, 'KL Optimal', 8).sigmas
		assert float(sigmas[-1]) == pytest.approx(float(references.model_sigmas()[0]), rel=1e-4)
		assert len(sigmas) == 9


def test_align_your_steps_uses_the_table_of_the_model_family() -> None:
	sd1 = _planned('Euler', 'Align Your Steps', 11).sigmas
	sdxl = _planned('Euler', 'Align Your Steps', 11, Family.SDXL).sigmas
	assert floats(sd1[:4]) == pytest.approx([14.615, 6.475, 3.861, 2.697], rel=1e-5)
	assert floats(sdxl[:4]) == pytest.approx([14.615, 6.315, 3.771, 2.181], rel=1e-5)
	assert len(_planned('Euler', 'Align Your Steps', 20).sigmas) == 21


def test_ddim_schedule_takes_every_kth_training_sigma_and_may_add_a_step() -> None:
	sigmas = _planned('Euler', 'DDIM', 30).sigmas
	expected = references.model_sigmas()[1::33].flip(0)
	assert _close(sigmas[:-1], expected)
	assert len(sigmas) == 32


def test_beta_and_sgm_uniform_span_the_model_range() -> None:
	for schedule in ('Beta', 'SGM Uniform', 'Simple'):
		sigmas = _planned('Euler', schedule, 10).sigmas
		assert float(sigmas[0]) == pytest.approx(14.6146, abs=1e-3)
		assert float(sigmas[-1]) == 0
		assert bool((sigmas[:-1] > sigmas[1:]).all())
