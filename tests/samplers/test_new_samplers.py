"""The samplers added for issue 15 run on the diffusers class and settings their A1111 name stands for, and each
setting changes the pixels (a Heun 2M SDE is not a midpoint one in disguise); old combined names still render."""

import numpy as np
import pytest
from diffusers import SchedulerMixin, StableDiffusionPipeline
from diffusers.schedulers.scheduling_ddpm import DDPMScheduler
from diffusers.schedulers.scheduling_deis_multistep import DEISMultistepScheduler
from diffusers.schedulers.scheduling_dpmsolver_multistep import DPMSolverMultistepScheduler
from diffusers.schedulers.scheduling_k_dpm_2_ancestral_discrete import KDPM2AncestralDiscreteScheduler
from diffusers.schedulers.scheduling_tcd import TCDScheduler

from localai_ui.cores.samplers import build_scheduler
from localai_ui.cores.samplers.dpmpp_2s_ancestral import DPMPlusPlus2SAncestral
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.samplers import SAMPLER_NAMES, split_sampler_name
from tests.samplers.references import SEEDS, sd_config
from tests.samplers.rendering import render

MAPPING: dict[str, tuple[type[SchedulerMixin], dict[str, object]]] = {
	'DEIS': (DEISMultistepScheduler, {'algorithm_type': 'deis'}),
	'DDPM': (DDPMScheduler, {}),
	'TCD': (TCDScheduler, {}),
	'DPM++ 2M SDE Heun': (
		DPMSolverMultistepScheduler,
		{'algorithm_type': 'sde-dpmsolver++', 'solver_order': 2, 'solver_type': 'heun'},
	),
	'DPM++ 3M SDE': (DPMSolverMultistepScheduler, {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 3}),
	'DPM++ 2S a': (KDPM2AncestralDiscreteScheduler, {}),
}


def test_every_new_sampler_is_offered_by_its_a1111_name() -> None:
	assert set(MAPPING) <= set(SAMPLER_NAMES)


@pytest.mark.parametrize('sampler', sorted(MAPPING))
def test_the_a1111_name_builds_the_diffusers_scheduler_it_stands_for(sampler: str) -> None:
	scheduler_class, settings = MAPPING[sampler]
	scheduler = build_scheduler(sd_config(), sampler, 'Automatic', SEEDS).scheduler
	assert isinstance(scheduler, scheduler_class)
	config = dict(scheduler.config)
	assert {key: config[key] for key in settings} == settings


def test_dpmpp_2s_ancestral_is_its_own_update_not_dpm2_ancestral(pipeline: StableDiffusionPipeline) -> None:
	scheduler = build_scheduler(sd_config(), 'DPM++ 2S a', 'Karras', SEEDS).scheduler
	assert isinstance(scheduler, DPMPlusPlus2SAncestral)
	two_s = render(pipeline, 'DPM++ 2S a', [5], 'Karras', steps=3)[0]
	assert not np.array_equal(two_s, render(pipeline, 'DPM2 a', [5], 'Karras', steps=3)[0])


@pytest.mark.parametrize(
	('sampler', 'sibling', 'steps'),
	[('DPM++ 2M SDE Heun', 'DPM++ 2M SDE', 3), ('DPM++ 3M SDE', 'DPM++ 2M SDE', 4), ('DEIS', 'DPM++ 2M', 3)],
)
def test_each_setting_changes_the_image_of_the_same_seed(
	pipeline: StableDiffusionPipeline, sampler: str, sibling: str, steps: int
) -> None:
	ours = render(pipeline, sampler, [5], 'Karras', steps=steps)[0]
	theirs = render(pipeline, sibling, [5], 'Karras', steps=steps)[0]
	assert not np.array_equal(ours, theirs)


def test_the_old_dpmpp_2s_a_karras_name_renders_what_sampler_plus_karras_renders(
	pipeline: StableDiffusionPipeline,
) -> None:
	assert split_sampler_name('DPM++ 2S a Karras') == ('DPM++ 2S a', 'Karras')
	request = GenerationRequest(sampler='DPM++ 2S a Karras')
	assert (request.sampler, request.schedule) == ('DPM++ 2S a', 'Karras')
	old_name = render(pipeline, request.sampler, [5], request.schedule, steps=3)[0]
	assert np.array_equal(old_name, render(pipeline, 'DPM++ 2S a', [5], 'Karras', steps=3)[0])
	assert not np.array_equal(old_name, render(pipeline, 'DPM++ 2S a', [5], 'Uniform', steps=3)[0])
