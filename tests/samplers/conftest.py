"""The tiny SD 1.x pipeline the sampler runs share (built in code, random weights, no download)."""

from collections.abc import Iterator

import pytest
import torch
from diffusers import StableDiffusionPipeline

from tests.tiny_models import build_sd1


@pytest.fixture(scope='module')
def pipeline() -> Iterator[StableDiffusionPipeline]:
	"""One thread: 8x8 latents gain nothing from more, and on a busy 2-core runner they cost ten times the time."""
	threads = torch.get_num_threads()
	torch.set_num_threads(1)
	built = build_sd1()
	built.set_progress_bar_config(disable=True)
	yield built
	torch.set_num_threads(threads)
