"""Tiny A1111-layout single files load offline (the network guard is on) and generate like their diffusers twins."""

from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import UNet2DConditionModel

from localai_ui.context import AppContext
from localai_ui.cores.loading.single_file import bundled_tokenizers
from localai_ui.engine.build import manager_of
from localai_ui.schemas.assets import Family
from localai_ui.schemas.json_values import parse_json_object
from localai_ui.schemas.progress import RunStatus
from localai_ui.services.checkpoint_files.configs import config_dir
from localai_ui.services.checkpoint_files.detect import Variant
from tests.cores.jobs import pixels, result_of, run_all, tiny_info, tiny_job


def test_library_finds_both_checkpoints_with_their_architecture(models_context: AppContext) -> None:
	records = {record.name: record for record in models_context.libraries.checkpoints.library.records()}
	assert set(records) == {'tiny-sd15', 'tiny-sdxl'}
	assert records['tiny-sd15'].family is Family.SD1
	assert records['tiny-sdxl'].family is Family.SDXL
	assert records['tiny-sd15'].row.metadata == {'modelspec.title': 'Tiny SD1'}
	assert all(record.status == 'ok' and record.row.format == 'safetensors' for record in records.values())


@pytest.mark.parametrize('name', ['tiny-sd15', 'tiny-sdxl'])
def test_single_file_generates(models_context: AppContext, name: str) -> None:
	info = models_context.libraries.catalog.info(models_context.libraries.checkpoints.library.record(name))
	assert info.config_dir == info.path.with_suffix('.diffusers')
	result = result_of(run_all(manager_of(models_context.engine), tiny_job(info, seed=3)))
	assert result.status is RunStatus.COMPLETED, result.error
	assert result.images[0].image.size == (64, 64)


def test_single_file_matches_the_diffusers_folder_pixel_for_pixel(
	models_context: AppContext, tiny_models_dir: Path
) -> None:
	single = models_context.libraries.catalog.info(models_context.libraries.checkpoints.library.record('tiny-sd15'))
	from_file = result_of(run_all(manager_of(models_context.engine), tiny_job(single, seed=5))).images[0]
	folder = tiny_info(tiny_models_dir, Family.SD1)
	from_folder = result_of(run_all(manager_of(models_context.engine), tiny_job(folder, seed=5))).images[0]
	assert np.array_equal(pixels(from_file.image), pixels(from_folder.image))


def test_bundled_tokenizers_match_openai_ids_and_pad_tokens() -> None:
	sd15 = bundled_tokenizers(config_dir('sd15'))['tokenizer']
	assert sd15('a photo of a cat')['input_ids'] == [49406, 320, 1125, 539, 320, 2368, 49407]
	assert len(sd15) == 49408 and sd15('x ' * 100, truncation=True)['input_ids'][-1] == 49407
	assert len(sd15('x ' * 100, truncation=True)['input_ids']) == 77
	sdxl = bundled_tokenizers(config_dir('sdxl'))
	assert sdxl['tokenizer'].pad_token == '<|endoftext|>' and sdxl['tokenizer_2'].pad_token == '!'
	assert bundled_tokenizers(config_dir('sd2-v'))['tokenizer'].pad_token == '!'
	inpaint = bundled_tokenizers(config_dir('sdxl-inpaint'))
	assert inpaint['tokenizer'].pad_token == '<|endoftext|>' and inpaint['tokenizer_2'].pad_token == '!'
	assert bundled_tokenizers(config_dir('sd15-inpaint'))['tokenizer']('a cat')['input_ids'] == [
		49406,
		320,
		2368,
		49407,
	]


@pytest.mark.parametrize(
	('variant', 'millions'),
	[
		('sd15', 859.52),
		('sd2-v', 865.91),
		('sdxl', 2567.46),
		# inpainting: 5 more input channels on the first 3x3 convolution (320 filters)
		('sd15-inpaint', 859.54),
		('sd2-inpaint', 865.93),
		('sdxl-inpaint', 2567.48),
	],
)
def test_bundled_unet_configs_have_the_real_parameter_counts(variant: Variant, millions: float) -> None:
	config = parse_json_object((config_dir(variant) / 'unet' / 'config.json').read_bytes())
	with torch.device('meta'):
		unet = UNet2DConditionModel(**{key: value for key, value in config.items() if not key.startswith('_')})
	assert round(sum(parameter.numel() for parameter in unet.parameters()) / 1e6, 2) == millions
