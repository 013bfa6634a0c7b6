"""`upscale(image, scale)`: exact sizes for the resamplers; A1111's passes and final Lanczos for model upscalers."""

from pathlib import Path

import pytest
import torch
from PIL import Image, ImageChops
from spandrel import ImageModelDescriptor
from spandrel.architectures.Compact import Compact, CompactArch

from localai_ui.cores.upscale import (
	LoadedUpscaler,
	ModelUpscaler,
	dtype_for,
	load_upscaler,
	model_passes,
	resample_upscalers,
	target_size,
	tile_for_free_bytes,
	tile_size_for,
)
from localai_ui.schemas.upscalers import UpscaleError
from tests.upscale.tiny_upscalers import compact, noise_image, tensors_of, write_safetensors

CPU = torch.device('cpu')


@pytest.mark.parametrize(('scale', 'size'), [(2, (192, 160)), (1.5, (144, 120)), (0.5, (48, 40)), (3.3, (317, 264))])
def test_resamplers_give_exact_sizes(scale: float, size: tuple[int, int]) -> None:
	image = noise_image(96, 80)
	results = {upscaler.name: upscaler.upscale(image, scale) for upscaler in resample_upscalers()}
	assert list(results) == ['Lanczos', 'Bicubic', 'Nearest']
	assert {result.size for result in results.values()} == {size}
	assert results['Nearest'].tobytes() != results['Lanczos'].tobytes()


def test_nearest_x2_repeats_each_pixel() -> None:
	image = noise_image(5, 4)
	doubled = resample_upscalers()[2].upscale(image, 2)
	assert all(doubled.getpixel((2 * x + 1, 2 * y)) == image.getpixel((x, y)) for x in range(5) for y in range(4))


def _model_upscaler(tmp_path: Path, scale: int) -> ModelUpscaler:
	path = write_safetensors(tmp_path / f'x{scale}.safetensors', tensors_of(compact(scale)))
	return ModelUpscaler(load_upscaler(path), CPU, tile=32)


def test_x4_with_a_x2_model_runs_it_twice(tmp_path: Path) -> None:
	upscaler = _model_upscaler(tmp_path, 2)
	image = noise_image(24, 20)
	result = upscaler.upscale(image, 4)
	assert result.size == (96, 80)
	assert ImageChops.difference(result, upscaler.run_once(upscaler.run_once(image))).getbbox() is None


def test_a_scale_between_passes_is_resized_with_lanczos(tmp_path: Path) -> None:
	upscaler = _model_upscaler(tmp_path, 4)
	image = noise_image(24, 20)
	result = upscaler.upscale(image, 3)
	assert result.size == (72, 60)
	expected = upscaler.run_once(image).resize((72, 60), Image.Resampling.LANCZOS)
	assert ImageChops.difference(result, expected).getbbox() is None
	assert upscaler.upscale(image.convert('RGBA'), 4).size == (96, 80)
	shrunk = image.resize((12, 10), Image.Resampling.LANCZOS)
	assert ImageChops.difference(upscaler.upscale(image, 0.5), shrunk).getbbox() is None


@pytest.mark.parametrize(
	('native', 'scale', 'passes'),
	[(4, 4, 1), (2, 4, 2), (2, 3, 2), (4, 2, 1), (4, 1, 1), (1, 1, 1), (1, 4, 1), (2, 16, 3), (4, 0.5, 0)],
)
def test_model_passes_follow_a1111(native: int, scale: float, passes: int) -> None:
	assert model_passes(native, scale) == passes


@pytest.mark.parametrize('scale', [0, -1, 17, float('nan'), float('inf')])
def test_bad_scales_are_refused(scale: float) -> None:
	with pytest.raises(UpscaleError, match=f'scale {scale}'):
		target_size(noise_image(4, 4), scale)


def test_device_defaults(tmp_path: Path) -> None:
	assert 256 <= tile_size_for(CPU) <= 512
	loaded = load_upscaler(write_safetensors(tmp_path / 'auto.safetensors', tensors_of(compact(2))))
	assert ModelUpscaler(loaded, CPU).tile == tile_size_for(CPU)
	assert ModelUpscaler(loaded, CPU).name == 'auto'
	assert ModelUpscaler(loaded, CPU, tile=None).tile is None
	assert [tile_for_free_bytes(gib << 30) for gib in (1, 4, 8, 16, 80)] == [256, 384, 512, 768, 1024]
	cuda = torch.device('cuda')
	assert (dtype_for(_hand_built(True, True), CPU), dtype_for(_hand_built(True, True), cuda)) == (
		torch.float32,
		torch.float16,
	)
	assert dtype_for(_hand_built(False, True), cuda) == torch.bfloat16
	assert dtype_for(_hand_built(False, False), cuda) == torch.float32


def _hand_built(half: bool, bfloat16: bool) -> ImageModelDescriptor[torch.nn.Module]:
	"""A spandrel descriptor around a tiny Compact that claims the dtype support under test."""
	module = Compact(num_feat=8, num_conv=1, upscale=2)
	return ImageModelDescriptor(module, module.state_dict(), CompactArch(), 'SR', [], half, bfloat16, 2, 3, 3)


def test_an_unsupported_dtype_is_a_clear_error(tmp_path: Path) -> None:
	loaded = load_upscaler(write_safetensors(tmp_path / 'nohalf.safetensors', tensors_of(compact(2))))
	no_half = LoadedUpscaler(loaded.info, _hand_built(False, True))
	with pytest.raises(UpscaleError, match=r'nohalf: RealESRGAN Compact cannot run in torch\.float16'):
		ModelUpscaler(no_half, CPU, torch.float16)
