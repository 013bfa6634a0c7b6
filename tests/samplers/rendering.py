"""Render on the tiny SD 1.x pipeline with a sampler built the way a run builds it: 64 px, a seed per image."""

import numpy as np
import torch
from diffusers import StableDiffusionPipeline

from localai_ui.cores.samplers import build_scheduler
from localai_ui.schemas.assets import Family
from tests.samplers import references

Pixels = np.ndarray[tuple[int, ...], np.dtype[np.int16]]


def render(
	pipeline: StableDiffusionPipeline,
	sampler: str,
	seeds: list[int],
	schedule: str = 'Automatic',
	steps: int = 2,
	prediction: str = 'epsilon',
) -> list[Pixels]:
	"""One image per seed, each from its own generator (as the app runs a batch)."""
	config = references.sd_config(prediction_type=prediction)
	pipeline.scheduler = build_scheduler(config, sampler, schedule, seeds, Family.SD1).scheduler
	output = pipeline(
		prompt=['a red apple'] * len(seeds),
		num_inference_steps=steps,
		guidance_scale=3.0,
		width=64,
		height=64,
		generator=[torch.Generator('cpu').manual_seed(seed) for seed in seeds],
	)
	return [np.asarray(image, dtype=np.int16) for image in output.images]
