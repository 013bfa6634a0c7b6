"""Image to image, inpainting and the hires fix through the real manager on tiny models (CPU)."""

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, RunStatus, StepUpdate
from tests.cores.jobs import new_applier, pixels, result_of, run_all, steps_of, tiny_info, tiny_job

SIZE = 64


class CallCounter:
	"""Counts the UNet's forward calls of every model this loader loads."""

	def __init__(self) -> None:
		self.calls = 0

	def loader(self, info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loaded = load_model(info, plan)
		loaded.pipeline.unet.register_forward_pre_hook(self._count)
		return loaded

	def _count(self, _module: torch.nn.Module, _args: tuple[object, ...]) -> None:
		self.calls += 1


@pytest.fixture(scope='module')
def counter() -> CallCounter:
	return CallCounter()


@pytest.fixture(scope='module')
def manager(counter: CallCounter) -> Iterator[PipelineManager]:
	built = PipelineManager(plan_device('cpu'), new_applier(), loader=counter.loader)
	yield built
	built.unload()


def picture(seed: int = 3) -> Image.Image:
	rng = np.random.default_rng(seed)
	return Image.fromarray(rng.integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8), mode='RGB')


def corner_mask() -> Image.Image:
	mask = Image.new('L', (SIZE, SIZE), 0)
	mask.paste(255, (40, 40, SIZE, SIZE))
	return mask


def calls_for(manager: PipelineManager, counter: CallCounter, models: Path, steps: int, strength: float) -> int:
	run_all(manager, tiny_job(tiny_info(models), seed=1))  # the model is loaded: only the job's calls count below
	before = counter.calls
	job = tiny_job(tiny_info(models), init_image=picture(), steps=steps, denoising_strength=strength)
	result = result_of(run_all(manager, job))
	assert result.status is RunStatus.COMPLETED, result.error
	return counter.calls - before


@pytest.mark.parametrize(('steps', 'strength', 'expected'), [(10, 0.5, 5), (20, 0.25, 5), (8, 0.0, 0)])
def test_model_calls_are_steps_times_strength(
	manager: PipelineManager, counter: CallCounter, tiny_models_dir: Path, steps: int, strength: float, expected: int
) -> None:
	assert calls_for(manager, counter, tiny_models_dir, steps, strength) == expected


def test_strength_zero_returns_the_image_through_the_vae_only(manager: PipelineManager, tiny_models_dir: Path) -> None:
	events = run_all(manager, tiny_job(tiny_info(tiny_models_dir), init_image=picture(), denoising_strength=0.0))
	result = result_of(events)
	assert steps_of(events) == [] and result.images[0].image.size == (SIZE, SIZE)


def test_full_strength_ignores_the_init_image(manager: PipelineManager, tiny_models_dir: Path) -> None:
	info = tiny_info(tiny_models_dir)
	first, second = (
		result_of(run_all(manager, tiny_job(info, seed=4, init_image=picture(seed), denoising_strength=1.0)))
		for seed in (1, 2)
	)
	assert np.array_equal(pixels(first.images[0].image), pixels(second.images[0].image))
	half = result_of(run_all(manager, tiny_job(info, seed=4, init_image=picture(2), denoising_strength=0.5)))
	assert not np.array_equal(pixels(first.images[0].image), pixels(half.images[0].image))


@pytest.mark.parametrize('area', ['Whole picture', 'Only masked'])
def test_inpainting_changes_only_the_masked_area(manager: PipelineManager, tiny_models_dir: Path, area: str) -> None:
	original = picture()
	job = tiny_job(
		tiny_info(tiny_models_dir),
		init_image=original,
		mask=corner_mask(),
		steps=4,
		mask_blur=2,
		inpaint_area=area,
		inpaint_padding=4,
		denoising_strength=0.9,
	)
	result = result_of(run_all(manager, job))
	assert result.status is RunStatus.COMPLETED, result.error
	out, before = pixels(result.images[0].image), pixels(original)
	assert np.array_equal(out[:30, :30], before[:30, :30]), 'outside the blurred mask nothing changes'
	assert np.abs(out[48:, 48:] - before[48:, 48:]).max() > 10, 'inside the mask the image changed'


@pytest.mark.parametrize('upscaler', ['Latent', 'Latent (bicubic antialiased)', 'Lanczos'])
def test_hires_fix_doubles_the_size_and_reports_both_passes(
	manager: PipelineManager, tiny_models_dir: Path, upscaler: str
) -> None:
	job = tiny_job(
		tiny_info(tiny_models_dir), steps=4, enable_hires=True, hires_upscaler=upscaler, hires_denoising_strength=0.5
	)
	events = run_all(manager, job)
	result = result_of(events)
	assert result.status is RunStatus.COMPLETED, result.error
	assert result.images[0].image.size == (2 * SIZE, 2 * SIZE)
	steps = steps_of(events)
	assert [step.step for step in steps] == list(range(1, len(steps) + 1)) and steps[-1].total == len(steps) == 6
	assert {step.phase for step in steps} == {'', 'Hires fix'}
	again = result_of(run_all(manager, job))
	assert np.array_equal(pixels(result.images[0].image), pixels(again.images[0].image)), 'a seed reproduces'


def test_hires_to_a_target_size_keeps_the_aspect(manager: PipelineManager, tiny_models_dir: Path) -> None:
	job = tiny_job(tiny_info(tiny_models_dir), steps=2, height=96, enable_hires=True, hires_resize_width=128)
	result = result_of(run_all(manager, job))
	assert result.images[0].image.size == (128, 192)


@pytest.mark.parametrize('stop_at', [2, 5])
def test_stop_in_either_pass_keeps_only_whole_batches(
	manager: PipelineManager, tiny_models_dir: Path, stop_at: int
) -> None:
	cancel = CancelToken()
	job = tiny_job(tiny_info(tiny_models_dir), steps=4, batch_count=2, enable_hires=True, hires_steps=4)
	events: list[GenerationEvent] = []
	for event in manager.generate(job, cancel):
		events.append(event)
		steps = [e for e in events if isinstance(e, StepUpdate) and e.batch_index == 1]
		if len(steps) == stop_at:
			cancel.cancel()
	result = result_of(events)
	assert result.status is RunStatus.INTERRUPTED
	assert [image.index for image in result.images] == [0], 'the first batch is kept, the half-made second is not'
	assert all(image.image.size == (2 * SIZE, 2 * SIZE) for image in result.images)


def test_the_hires_prompt_is_used_only_in_the_second_pass(manager: PipelineManager, tiny_models_dir: Path) -> None:
	def hires_image(hires_prompt: str = '') -> np.ndarray[tuple[int, int, int], np.dtype[np.int16]]:
		job = tiny_job(tiny_info(tiny_models_dir), steps=2, seed=4, enable_hires=True, hires_prompt=hires_prompt)
		result = result_of(run_all(manager, job))
		assert result.status is RunStatus.COMPLETED, result.error
		return pixels(result.images[0].image)

	plain = hires_image()
	assert np.array_equal(plain, hires_image(hires_prompt=tiny_job(tiny_info(tiny_models_dir)).request.prompt))
	assert not np.array_equal(plain, hires_image(hires_prompt='a completely different subject, watercolour'))
