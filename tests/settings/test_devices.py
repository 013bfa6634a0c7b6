"""Device and memory flags, and the noise of each seed drawn from a CPU generator, as every device must draw it for
the same seed to give the same image on CUDA, MPS and the CPU."""

import pytest
import torch

from localai_ui.context import AppContext
from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.loading.loader import load_model
from localai_ui.cores.pipeline.denoise import DenoisePass, run_pass
from localai_ui.cores.prompts.conditioning import encode_conditioning
from localai_ui.cores.samplers import build_scheduler
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.settings import settings_for


@pytest.mark.parametrize(
	('flags', 'device', 'memory', 'given'),
	[
		(['--device', 'CUDA:1'], 'cuda:1', 'auto', [('device', 'cuda:1', '--device CUDA:1')]),
		(['--medvram'], 'auto', 'medium', [('memory', 'medium', '--medvram')]),
		(['--lowvram'], 'auto', 'low', [('memory', 'low', '--lowvram')]),
		(['--memory', 'high', '--lowvram'], 'auto', 'high', [('memory', 'high', '--memory high')]),
		([], 'auto', 'auto', []),
	],
)
def test_device_and_memory_flags(flags: list[str], device: str, memory: str, given: list[object]) -> None:
	settings = settings_for(['--data-dir', '/tmp/unused', *flags])
	assert (settings.device, settings.memory, list(settings.setting_flags)) == (device, memory, given)


def test_medvram_with_lowvram_is_a_conflict() -> None:
	with pytest.raises(InvalidRequestError, match='--medvram and --lowvram were both given'):
		settings_for(['--data-dir', '/tmp/unused', '--medvram', '--lowvram'])


def test_seeds_draw_their_noise_from_a_cpu_generator(context: AppContext) -> None:
	"""The app's pass equals diffusers given the noise `torch.randn` makes on a CPU generator seeded with the seed,
	which is what makes a seed give the same image on CUDA, MPS and the CPU."""
	catalog = context.libraries.catalog
	model = load_model(catalog.info(context.libraries.checkpoints.library.record('tiny-sd15')), plan_device('cpu'))
	seeds = (123, 124)
	conditioning = encode_conditioning(model.pipeline, prompt='a cat', negative_prompt='', clip_skip=1, guided=True)
	step = DenoisePass('txt2img', 64, 64, 2, 'Euler', 'Automatic', output_latents=True)
	ours = run_pass(model, step, conditioning, seeds, 7.0, lambda _pipe, _step, _t, tensors: tensors)
	noise = torch.cat([torch.randn((1, 4, 8, 8), generator=torch.Generator('cpu').manual_seed(seed)) for seed in seeds])
	model.pipeline.scheduler = build_scheduler(model.scheduler_config, 'Euler', 'Automatic', seeds).scheduler
	theirs = model.pipeline(
		prompt_embeds=conditioning.prompt_embeds.repeat(2, 1, 1),
		negative_prompt_embeds=None
		if conditioning.negative_prompt_embeds is None
		else conditioning.negative_prompt_embeds.repeat(2, 1, 1),
		num_inference_steps=2,
		guidance_scale=7.0,
		width=64,
		height=64,
		latents=noise,
		output_type='latent',
	).images
	assert isinstance(ours, torch.Tensor) and isinstance(theirs, torch.Tensor)
	assert torch.equal(ours, theirs)
