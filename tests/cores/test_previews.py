"""Live previews: the cheap projection gives the expected colours, the throttle limits how often, sizes shrink."""

import pytest
import torch
from PIL import Image

from localai_ui.cores.pipeline.previews import Decoder, PreviewThrottle, cheap_preview, make_preview
from localai_ui.schemas.assets import Family
from localai_ui.schemas.progress import PreviewMode, PreviewSettings


def _latents(channel: int | None = None, value: float = 0.0, height: int = 6, width: int = 10) -> torch.Tensor:
	latents = torch.zeros(2, 4, height, width)
	if channel is not None:
		latents[0, channel] = value
	return latents


def _pixel(image: Image.Image) -> tuple[int, int, int]:
	"""The top-left pixel."""
	red, green, blue = image.convert('RGB').tobytes()[:3]
	return red, green, blue


class FakeClock:
	def __init__(self) -> None:
		self.now = 100.0

	def __call__(self) -> float:
		return self.now


def test_cheap_preview_has_the_latent_size() -> None:
	image = cheap_preview(_latents(height=6, width=10), Family.SD1)
	assert image.size == (10, 6)
	assert image.mode == 'RGB'


@pytest.mark.parametrize(
	('architecture', 'channel', 'value', 'rgb'),
	[
		(Family.SD1, None, 0.0, (128, 128, 128)),
		(Family.SDXL, None, 0.0, (141, 125, 127)),
		(Family.SD1, 0, 1.0, (172, 157, 169)),
		(Family.SD1, 0, 10.0, (255, 255, 255)),
		(Family.SD1, 3, 10.0, (0, 0, 0)),
		(Family.SDXL, 0, -10.0, (0, 0, 0)),
	],
)
def test_known_latents_map_to_expected_colours(
	architecture: Family, channel: int | None, value: float, rgb: tuple[int, int, int]
) -> None:
	assert _pixel(cheap_preview(_latents(channel, value), architecture)) == rgb


def test_sd1_and_sdxl_factors_differ() -> None:
	latents = torch.randn(1, 4, 8, 8, generator=torch.Generator().manual_seed(0))
	sd1 = cheap_preview(latents, Family.SD1)
	sdxl = cheap_preview(latents, Family.SDXL)
	assert sd1.tobytes() != sdxl.tobytes()


def test_only_the_first_image_is_shown() -> None:
	latents = _latents()
	latents[1] = 5.0
	assert _pixel(cheap_preview(latents, Family.SD1)) == (128, 128, 128)


def _due_steps(settings: PreviewSettings, times: list[float]) -> list[int]:
	"""Steps 1..len(times), step i at times[i-1]; the steps that got a preview."""
	clock = FakeClock()
	throttle = PreviewThrottle(settings, clock)
	due: list[int] = []
	for step, now in enumerate(times, start=1):
		clock.now = now
		if throttle.due(step):
			due.append(step)
	return due


@pytest.mark.parametrize(
	('settings', 'due'),
	[
		(PreviewSettings(every_n_steps=1, max_per_second=1000.0), [1, 2, 3, 4, 5, 6]),
		(PreviewSettings(every_n_steps=2, max_per_second=1000.0), [2, 4, 6]),
		(PreviewSettings(every_n_steps=3, max_per_second=1000.0), [3, 6]),
		(PreviewSettings(every_n_steps=1, max_per_second=4.0), [1, 4]),
		(PreviewSettings(every_n_steps=0, max_per_second=1000.0), [1, 2, 3, 4, 5, 6]),
		(PreviewSettings(mode='off', every_n_steps=1, max_per_second=1000.0), []),
	],
)
def test_throttle(settings: PreviewSettings, due: list[int]) -> None:
	# Steps every 0.1 s: at 4 previews a second, one every 0.25 s at most.
	assert _due_steps(settings, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]) == due


def _decoder(calls: list[tuple[int, ...]]) -> Decoder:
	"""A stand-in VAE: upscales 8x to white pixels and records the shapes it was given."""

	def decode(latents: torch.Tensor) -> torch.Tensor:
		calls.append(tuple(latents.shape))
		batch, _, height, width = latents.shape
		return torch.ones(batch, 3, height * 8, width * 8)

	return decode


@pytest.mark.parametrize(
	('mode', 'max_side', 'size', 'colour', 'calls'),
	[
		('cheap', 64, (64, 32), (128, 128, 128), 0),
		('cheap', 16, (16, 8), (128, 128, 128), 0),
		('cheap', 512, (256, 128), (128, 128, 128), 0),
		('full', 64, (64, 32), (255, 255, 255), 1),
		('full', 512, (256, 128), (255, 255, 255), 1),
	],
)
def test_make_preview_shrinks_to_max_side(
	mode: PreviewMode, max_side: int, size: tuple[int, int], colour: tuple[int, int, int], calls: int
) -> None:
	seen: list[tuple[int, ...]] = []
	settings = PreviewSettings(mode=mode, max_side=max_side)
	image = make_preview(_latents(height=16, width=32), settings, Family.SD1, _decoder(seen))
	assert image.size == size
	assert _pixel(image) == colour
	assert seen == [(1, 4, 16, 32)] * calls
