"""Tiled upscaling gives the pixels of one pass (within 8-bit rounding), padded to what the model needs."""

from pathlib import Path

import pytest
import torch
from spandrel import ImageModelDescriptor, ModelTiling
from spandrel.architectures.Compact import CompactArch

from localai_ui.cores.upscale.image_pixels import image_to_pixels
from localai_ui.cores.upscale.model_loading import image_model
from localai_ui.cores.upscale.tile_plan import TileSpan, tile_spans
from localai_ui.cores.upscale.tiled_run import run_tiled
from localai_ui.schemas.upscalers import UpscaleError
from tests.upscale.tiny_upscalers import compact, esrgan, noise_image, span, tensors_of


def test_tiles_cover_the_axis_with_context_and_aligned_starts() -> None:
	assert tile_spans(80, 32, 8) == [TileSpan(0, 40, 0, 32), TileSpan(24, 72, 32, 64), TileSpan(56, 80, 64, 80)]
	assert tile_spans(80, None, 8) == tile_spans(80, 200, 8) == [TileSpan(0, 80, 0, 80)]
	aligned = tile_spans(90, 30, 10, multiple_of=8)
	assert [(span.start, span.keep_start) for span in aligned] == [(0, 0), (8, 24), (32, 48), (56, 72)]
	assert all(span.start % 8 == 0 and (span.end - span.start) % 8 in (0, 90 % 8) for span in aligned)


def _difference(module: torch.nn.Module, size: tuple[int, int], overlap: int) -> tuple[int, tuple[int, ...]]:
	"""Largest 8-bit difference between one pass and 32 px tiles, and the output shape."""
	model = image_model(Path('tiny.pth'), tensors_of(module))
	pixels = image_to_pixels(noise_image(*size), 3)
	whole = run_tiled(model, pixels, None, overlap)
	tiled = run_tiled(model, pixels, 32, overlap)
	return int((whole.int() - tiled.int()).abs().max()), tuple(tiled.shape)


@pytest.mark.parametrize(
	('module', 'size', 'scale'),
	[(compact(4), (96, 80), 4), (esrgan(2, unshuffle=True), (90, 78), 2), (span(2), (96, 80), 2)],
	ids=['compact-x4', 'esrgan-x2-multiple-of-4', 'span-x2'],
)
def test_tiled_output_equals_one_pass(module: torch.nn.Module, size: tuple[int, int], scale: int) -> None:
	difference, shape = _difference(module, size, overlap=16)
	assert shape == (size[1] * scale, size[0] * scale, 3)
	assert difference <= 1


def test_without_overlap_the_seams_show() -> None:
	"""The same comparison can fail: tiles without context differ from one pass along their edges."""
	difference, _shape = _difference(compact(4), (96, 80), overlap=0)
	assert difference > 8


def test_bad_tile_sizes_and_channel_counts_are_refused() -> None:
	model = image_model(Path('tiny.pth'), tensors_of(compact(2)))
	with pytest.raises(UpscaleError, match='tile size 0 px'):
		run_tiled(model, image_to_pixels(noise_image(8, 8), 3), 0, 4)
	with pytest.raises(UpscaleError, match='takes 3 channels, the image has 1'):
		run_tiled(model, image_to_pixels(noise_image(8, 8), 1), 4, 4)


def test_an_image_below_the_model_minimum_is_padded_and_cropped_back() -> None:
	model = image_model(Path('x2plus.pth'), tensors_of(esrgan(2, unshuffle=True)))
	assert (model.size_requirements.minimum, model.size_requirements.multiple_of) == (4, 4)
	assert tuple(run_tiled(model, image_to_pixels(noise_image(3, 3), 3), 2, 1).shape) == (6, 6, 3)


def test_a_model_that_tiles_internally_is_run_in_one_pass() -> None:
	"""spandrel's ModelTiling.INTERNAL: our tiles would only add seams, so the tile size is ignored."""
	module = compact(4)
	state = tensors_of(module)
	internal = ImageModelDescriptor(
		module, state, CompactArch(), 'SR', [], True, True, 4, 3, 3, tiling=ModelTiling.INTERNAL
	)
	pixels = image_to_pixels(noise_image(40, 36), 3)
	assert torch.equal(run_tiled(internal, pixels, 8, 0), run_tiled(internal, pixels, None, 0))
	internal.tiling = ModelTiling.SUPPORTED
	assert not torch.equal(run_tiled(internal, pixels, 8, 0), run_tiled(internal, pixels, None, 0))
