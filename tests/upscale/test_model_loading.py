"""Identifying upscaler files with spandrel: known architectures load, unknown and non-upscaler models are refused."""

from pathlib import Path

import pytest
import torch
from spandrel import ImageModelDescriptor, MaskedImageModelDescriptor, ModelTiling
from spandrel.architectures.Compact import Compact, CompactArch

from localai_ui.cores.upscale import ModelUpscaler, load_upscaler
from localai_ui.cores.upscale.model_loading import image_upscaler
from localai_ui.schemas.upscalers import UnsupportedUpscalerError
from tests.upscale.tiny_upscalers import (
	compact,
	esrgan,
	noise_image,
	restoreformer,
	span,
	tensors_of,
	write_pth,
	write_safetensors,
)


@pytest.mark.parametrize(
	('module', 'architecture', 'scale'),
	[(compact(4), 'RealESRGAN Compact', 4), (esrgan(2), 'ESRGAN', 2), (span(2), 'SPAN', 2)],
	ids=['compact-x4', 'esrgan-x2', 'span-x2'],
)
@pytest.mark.parametrize('suffix', ['.safetensors', '.pth'])
def test_spandrel_identifies_tiny_models(
	tmp_path: Path, module: torch.nn.Module, architecture: str, scale: int, suffix: str
) -> None:
	tensors = tensors_of(module)
	path = tmp_path / f'tiny{suffix}'
	if suffix == '.safetensors':
		write_safetensors(path, tensors)
	else:
		write_pth(path, tensors)
	loaded = load_upscaler(path)
	info = loaded.info
	assert (info.name, info.architecture, info.scale, info.purpose) == ('tiny', architecture, scale, 'SR')
	assert (info.format, info.input_channels, info.output_channels) == (suffix[1:], 3, 3)
	output = ModelUpscaler(loaded, torch.device('cpu'), tile=None).run_once(noise_image(20, 12))
	assert output.size == (20 * scale, 12 * scale)


def test_the_record_says_what_the_model_needs(tmp_path: Path) -> None:
	info = load_upscaler(
		write_safetensors(tmp_path / 'x2plus.safetensors', tensors_of(esrgan(2, unshuffle=True))), 'R'
	).info
	assert (info.name, info.scale, info.multiple_of, info.minimum, info.tiling) == ('R', 2, 4, 4, 'supported')
	assert 'unshuffle' in info.tags and info.supports_half


def test_an_unknown_architecture_is_named_and_refused(tmp_path: Path) -> None:
	path = write_safetensors(tmp_path / 'mystery.safetensors', {'encoder.layer.weight': torch.zeros(4, 4)})
	with pytest.raises(UnsupportedUpscalerError, match=r'mystery\.safetensors: spandrel does not recognise it'):
		load_upscaler(path)


def test_a_detected_architecture_with_broken_tensors_is_refused(tmp_path: Path) -> None:
	tensors = tensors_of(compact())
	tensors['body.0.weight'] = torch.zeros(8, 3, 5)
	with pytest.raises(UnsupportedUpscalerError, match=r'broken\.pth: spandrel took it for a known architecture'):
		load_upscaler(write_pth(tmp_path / 'broken.pth', tensors))


def test_a_face_restoration_model_is_not_offered_as_an_upscaler(tmp_path: Path) -> None:
	path = write_safetensors(tmp_path / 'faces.safetensors', tensors_of(restoreformer()))
	with pytest.raises(UnsupportedUpscalerError, match=r'faces\.safetensors: a RestoreFormer face restoration model'):
		load_upscaler(path)


def test_an_inpainting_model_is_refused() -> None:
	"""Real inpainting models (LaMa) are 51M parameters: the descriptor is built around a tiny module instead."""
	module = Compact(num_feat=8, num_conv=1, upscale=1)
	masked = MaskedImageModelDescriptor(
		module,
		module.state_dict(),
		CompactArch(),
		purpose='Inpainting',
		tags=[],
		supports_half=True,
		supports_bfloat16=True,
		input_channels=3,
		output_channels=3,
	)
	with pytest.raises(UnsupportedUpscalerError, match=r'lama\.pth: a RealESRGAN Compact inpainting model'):
		image_upscaler(Path('lama.pth'), masked)
	plain = ImageModelDescriptor(module, module.state_dict(), CompactArch(), 'Restoration', [], True, True, 1, 3, 3)
	assert image_upscaler(Path('denoise.pth'), plain) is plain and plain.tiling == ModelTiling.SUPPORTED
