"""The hires fix with a model upscaler the user owns, as A1111's hires upscaler: the first image decoded, upscaled by
the model in tiles, fitted to the hires size, then denoised again; names are checked against the library."""

from pathlib import Path

import pytest
import torch
from PIL import Image, ImageChops

from localai_ui.context import AppContext
from localai_ui.cores.pipeline.hires import model_upscale, upscale_images
from localai_ui.cores.upscale import ModelUpscaler, load_upscaler
from localai_ui.features.generate.resolve import check_hires_upscaler
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.progress import RunStatus
from tests.upscale.tiny_upscalers import noise_image
from tests.upscale.upscaler_folder import add_bad_upscalers

CPU = torch.device('cpu')


def hires_request(upscaler: str, **values: float | int) -> GenerationRequest:
	fields: dict[str, object] = {'prompt': 'a lighthouse', 'width': 64, 'height': 64, 'steps': 2, 'seed': 3}
	fields.update(enable_hires=True, hires_scale=2, hires_upscaler=upscaler, hires_denoising_strength=0.5, **values)
	return GenerationRequest.model_validate(fields)


def finished(context: AppContext, request: GenerationRequest) -> RunFinished:
	last = list(context.generate.run(request, CancelToken()))[-1]
	assert isinstance(last, RunFinished)
	return last


def test_model_upscaler_names_are_accepted_and_others_refused_with_the_choices(
	upscale_context: AppContext, tmp_path: Path
) -> None:
	library = upscale_context.libraries.upscalers.library
	info = check_hires_upscaler(hires_request('esrgan-x2'), library)
	assert info is not None and (info.name, info.architecture, info.scale) == ('esrgan-x2', 'ESRGAN', 2)
	assert check_hires_upscaler(hires_request('Latent (bicubic)'), library) is None
	assert check_hires_upscaler(hires_request('Lanczos'), library) is None
	with pytest.raises(InvalidRequestError, match=r"unknown hires upscaler 'ESRGAN_4x'; choose one of: Latent, .*"):
		check_hires_upscaler(hires_request('ESRGAN_4x'), library)
	with pytest.raises(InvalidRequestError, match=r'Nearest, Bicubic, compact-x2, esrgan-x2$'):
		check_hires_upscaler(hires_request('ESRGAN_4x'), library)
	add_bad_upscalers(upscale_context.settings.upscalers_dir, tmp_path / 'marker')
	library.refresh()
	with pytest.raises(InvalidRequestError, match=r"hires upscaler 'truncated' cannot be used: .*truncated"):
		check_hires_upscaler(hires_request('truncated'), library)


def test_the_model_upscale_step_is_the_model_then_an_exact_fit(upscale_context: AppContext) -> None:
	info = check_hires_upscaler(hires_request('compact-x2'), upscale_context.libraries.upscalers.library)
	upscale = model_upscale(info, CPU)
	assert upscale is not None and model_upscale(None, CPU) is None
	first = noise_image(64, 48)
	[fitted] = upscale_images([first], 136, 96, 'compact-x2', upscale)
	model = ModelUpscaler(load_upscaler(upscale_context.settings.upscalers_dir / 'compact-x2.safetensors'), CPU)
	expected = model.upscale(first, 136 / 64).resize((136, 96), Image.Resampling.LANCZOS)
	assert fitted.size == (136, 96)
	assert ImageChops.difference(fitted, expected).getbbox() is None


def test_txt2img_with_a_model_upscaler_gives_the_hires_size_and_says_so(upscale_context: AppContext) -> None:
	with_model = finished(upscale_context, hires_request('compact-x2'))
	assert with_model.status is RunStatus.COMPLETED, with_model.error
	[saved] = with_model.images
	with Image.open(saved.path) as image:
		assert image.size == (128, 128)
		model_pixels = image.convert('RGB')
	assert 'Hires upscaler: compact-x2' in saved.infotext and 'Hires upscale: 2' in saved.infotext
	again = finished(upscale_context, hires_request('compact-x2'))
	with Image.open(again.images[0].path) as image:
		assert ImageChops.difference(image.convert('RGB'), model_pixels).getbbox() is None, 'seeds reproduce'
	lanczos = finished(upscale_context, hires_request('Lanczos'))
	with Image.open(lanczos.images[0].path) as image:
		assert ImageChops.difference(image.convert('RGB'), model_pixels).getbbox() is not None, 'the model was used'


def test_a_model_upscaler_damaged_after_the_scan_fails_the_run_with_its_name(upscale_context: AppContext) -> None:
	path = upscale_context.settings.upscalers_dir / 'compact-x2.safetensors'
	path.write_bytes(path.read_bytes()[:100])
	result = finished(upscale_context, hires_request('compact-x2'))
	assert result.status is RunStatus.FAILED and result.images == ()
	assert result.error is not None and 'compact-x2.safetensors' in result.error
	assert finished(upscale_context, hires_request('Latent')).status is RunStatus.COMPLETED
