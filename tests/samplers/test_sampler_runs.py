"""Every sampler runs on a tiny SD 1.x pipeline built in code: finite pixels, the same image for the same seed
whatever torch's global random state, and the schedule type really in use during the run."""

import numpy as np
import pytest
import torch
from diffusers import StableDiffusionPipeline

from localai_ui.cores.samplers.planned_sigmas import PlannedSigmas
from localai_ui.schemas.samplers import SAMPLER_NAMES
from tests.samplers import references
from tests.samplers.rendering import render


@pytest.mark.parametrize('sampler', SAMPLER_NAMES)
def test_every_sampler_runs_two_steps_and_repeats_with_the_same_seed(
	pipeline: StableDiffusionPipeline, sampler: str
) -> None:
	first = render(pipeline, sampler, [5])[0]
	torch.default_generator.manual_seed(
		1234
	)  # noise must come from the image's seed, never from torch's global generator
	torch.randn(16)
	again = render(pipeline, sampler, [5])[0]
	other = render(pipeline, sampler, [6])[0]
	assert np.array_equal(first, again)
	assert not np.array_equal(first, other)
	assert first.shape == (64, 64, 3)


@pytest.mark.parametrize('sampler', ['DPM++ SDE', 'DPM++ 2M SDE', 'DPM++ 3M SDE', 'DPM++ 2S a', 'DDPM', 'TCD'])
def test_stochastic_samplers_draw_noise_per_image(pipeline: StableDiffusionPipeline, sampler: str) -> None:
	batch = render(pipeline, sampler, [5, 6], steps=3)
	single = render(pipeline, sampler, [6], steps=3)[0]
	assert np.abs(batch[1] - single).max() <= 2


def test_euler_a_with_karras_runs_karras_sigmas_in_the_pipeline(pipeline: StableDiffusionPipeline) -> None:
	karras = render(pipeline, 'Euler a', [5], 'Karras', steps=6)[0]
	scheduler = pipeline.scheduler
	assert isinstance(scheduler, PlannedSigmas)
	assert torch.allclose(scheduler.sigmas.double(), references.karras(6), rtol=2e-5)
	assert not np.array_equal(karras, render(pipeline, 'Euler a', [5], 'Automatic', steps=6)[0])


@pytest.mark.parametrize('schedule', ['KL Optimal', 'Beta', 'DDIM', 'Align Your Steps'])
def test_schedule_types_run_to_finite_images(pipeline: StableDiffusionPipeline, schedule: str) -> None:
	image = render(pipeline, 'DPM++ 2M SDE', [5], schedule, steps=3)[0]
	assert image.std() > 0


@pytest.mark.parametrize('sampler', ['DPM++ 2S a', 'DPM++ 3M SDE', 'Euler a', 'DPM2'])
def test_v_prediction_models_run_too(pipeline: StableDiffusionPipeline, sampler: str) -> None:
	v_images = render(pipeline, sampler, [5], prediction='v_prediction', steps=3)[0]
	assert v_images.std() > 0
	assert not np.array_equal(v_images, render(pipeline, sampler, [5], steps=3)[0])
