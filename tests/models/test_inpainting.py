"""Dedicated inpainting checkpoints (9-channel UNet, SD1 and SDXL): found in single files and diffusers folders,
listed as usable, loaded offline as the inpaint pipelines and run; instruct-pix2pix (8 channels) stays refused."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import StableDiffusionInpaintPipeline, StableDiffusionXLInpaintPipeline
from PIL import Image

from localai_ui.context import AppContext, build_context
from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.pipeline_types import INPAINT_PIPELINES, InpaintPipeline
from localai_ui.schemas.assets import Family
from localai_ui.services.checkpoint_files.configs import config_dir
from localai_ui.services.checkpoint_files.detect import Variant, detect_layout
from localai_ui.services.checkpoint_files.folder import folder_model
from localai_ui.services.checkpoint_files.inspect import inspect_checkpoint, resolve_config
from localai_ui.services.safetensors.header import read_header
from tests.conftest import wait_for_hashes
from tests.models.conftest import INPAINT_FOLDER, copy_checkpoints, cpu_settings
from tests.models.tiny_checkpoints import save_file

SIZE = 64
Pixels = np.ndarray[tuple[int, int, int], np.dtype[np.int16]]


@pytest.fixture
def inpaint_context(tmp_path: Path, tiny_inpaint_dir: Path) -> Iterator[AppContext]:
	built = build_context(cpu_settings(tmp_path, copy_checkpoints(tiny_inpaint_dir, tmp_path / 'models')))
	wait_for_hashes(built)
	yield built
	built.close()


def load(context: AppContext, name: str) -> LoadedModel:
	info = context.libraries.catalog.info(context.libraries.checkpoints.library.record(name))
	return load_model(info, plan_device('cpu'))


def inpaint_pipeline(model: LoadedModel) -> InpaintPipeline:
	pipeline = model.pipeline
	assert isinstance(pipeline, INPAINT_PIPELINES)
	return pipeline


def noise_image(seed: int, size: tuple[int, int] = (SIZE, SIZE)) -> Image.Image:
	values = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
	return Image.fromarray(values)


def run(pipeline: InpaintPipeline, image: Image.Image, mask: Image.Image, **extra: object) -> Image.Image:
	"""2 steps from a fixed CPU generator; the size is the image's unless `extra` says otherwise."""
	output = pipeline(
		prompt='a red apple',
		image=image,
		mask_image=mask,
		num_inference_steps=2,
		width=image.width,
		height=image.height,
		generator=torch.Generator('cpu').manual_seed(3),
		**extra,
	)
	return output.images[0]


def pixels(image: Image.Image) -> Pixels:
	return np.asarray(image, dtype=np.int16)


def test_inpainting_models_are_listed_as_usable_and_pix2pix_is_refused(inpaint_context: AppContext) -> None:
	records = {record.name: record for record in inpaint_context.libraries.checkpoints.library.records()}
	pix2pix = records.pop('tiny-pix2pix')
	assert pix2pix.status == 'unsupported'
	assert 'tiny-pix2pix.safetensors: an instruct-pix2pix model (8 input channels)' in pix2pix.reason
	assert all(record.details is not None and record.details.inpainting for record in records.values())
	models = {
		info.name: (info.family, info.format, info.inpainting)
		for info in inpaint_context.libraries.catalog.list_models()
	}
	assert models == {
		INPAINT_FOLDER: (Family.SD1, 'diffusers', True),
		'tiny-sd15-inpaint': (Family.SD1, 'safetensors', True),
		'tiny-sdxl-inpaint': (Family.SDXL, 'safetensors', True),
	}


@pytest.mark.parametrize(
	('name', 'variant', 'family'),
	[('tiny-sd15-inpaint', 'sd15-inpaint', Family.SD1), ('tiny-sdxl-inpaint', 'sdxl-inpaint', Family.SDXL)],
)
def test_the_variant_comes_from_the_unet_input_channels(
	tiny_inpaint_dir: Path, name: str, variant: str, family: Family
) -> None:
	path = tiny_inpaint_dir / f'{name}.safetensors'
	found = detect_layout(path, read_header(path).tensors)
	assert (found.variant, found.family, found.inpainting) == (variant, family, True)


def test_a_diffusers_folder_names_its_inpaint_pipeline(tmp_path: Path) -> None:
	(tmp_path / 'model_index.json').write_text(json.dumps({'_class_name': 'StableDiffusionXLInpaintPipeline'}))
	found = folder_model(tmp_path)
	assert (found.family, found.inpainting) == (Family.SDXL, True)


@pytest.mark.parametrize(
	('name', 'pipeline_type'),
	[
		('tiny-sd15-inpaint', StableDiffusionInpaintPipeline),
		('tiny-sdxl-inpaint', StableDiffusionXLInpaintPipeline),
		(INPAINT_FOLDER, StableDiffusionInpaintPipeline),
	],
)
def test_loads_offline_as_the_inpaint_pipeline_and_inpaints(
	inpaint_context: AppContext, name: str, pipeline_type: type[InpaintPipeline]
) -> None:
	model = load(inpaint_context, name)
	pipeline = inpaint_pipeline(model)
	assert type(pipeline) is pipeline_type and pipeline.unet.config['in_channels'] == 9
	left = Image.new('L', (SIZE, SIZE), 0)
	left.paste(255, (0, 0, SIZE // 2, SIZE))
	first = run(pipeline, noise_image(1), left)
	second = run(pipeline, noise_image(2), left)
	assert first.size == (SIZE, SIZE)
	# the UNet sees the kept half of the image: another image under the same mask and seed gives other pixels
	assert np.abs(pixels(first) - pixels(second)).max() > 0


@pytest.mark.parametrize('name', ['tiny-sd15-inpaint', 'tiny-sdxl-inpaint'])
def test_text_to_image_is_a_full_mask_over_a_grey_image(inpaint_context: AppContext, name: str) -> None:
	pipeline = inpaint_pipeline(load(inpaint_context, name))
	width, height = 96, 64
	full = Image.new('L', (width, height), 255)
	grey = run(pipeline, Image.new('RGB', (width, height), (127, 127, 127)), full, strength=1.0)
	other = run(pipeline, noise_image(4, (width, height)), full, strength=1.0)
	assert grey.size == (width, height)
	# with everything masked and strength 1 the image plays no part: the run is text to image
	assert np.array_equal(pixels(grey), pixels(other))
	assert pixels(grey).std() > 0


def test_a_sidecar_that_disagrees_with_the_tensors_is_refused(inpaint_context: AppContext) -> None:
	folder = inpaint_context.settings.models_dir
	shutil.copy(folder / 'tiny-sd15-inpaint.safetensors', folder / 'mixed.safetensors')
	shutil.copytree(folder / 'tiny-sd15-inpaint.diffusers', folder / 'mixed.diffusers')
	index = folder / 'mixed.diffusers' / 'model_index.json'
	index.write_text(index.read_text().replace('StableDiffusionInpaintPipeline', 'StableDiffusionPipeline'))
	library = inpaint_context.libraries.checkpoints.library
	library.refresh()
	mixed = library.record('mixed')
	assert mixed.status == 'unsupported'
	assert 'mixed.safetensors: the file is an inpainting model' in mixed.reason and 'mixed.diffusers' in mixed.reason


def real_layout_file(path: Path, text_encoder: str, width: int) -> Path:
	"""Only the tensors detection reads, with a real model's shapes: a 9-channel first convolution, the
	cross-attention width, and the text encoder's name."""
	unet = 'model.diffusion_model.input_blocks.'
	tensors = {
		f'{unet}0.0.weight': torch.zeros(320, 9, 3, 3, dtype=torch.float16),
		f'{unet}1.1.transformer_blocks.0.attn2.to_k.weight': torch.zeros(320, width, dtype=torch.float16),
		text_encoder: torch.zeros(1, dtype=torch.float16),
	}
	save_file(tensors, str(path))
	return path


@pytest.mark.parametrize(
	('text_encoder', 'width', 'yaml', 'variant'),
	[
		('cond_stage_model.transformer.text_model.final_layer_norm.weight', 768, None, 'sd15-inpaint'),
		('cond_stage_model.transformer.text_model.final_layer_norm.weight', 768, 'context_dim: 768', 'sd15-inpaint'),
		('cond_stage_model.model.ln_final.weight', 1024, 'context_dim: 1024', 'sd2-inpaint'),
		('cond_stage_model.model.ln_final.weight', 1024, None, 'sd2-inpaint'),
		('conditioner.embedders.1.model.ln_final.weight', 2048, 'adm_in_channels: 2816', 'sdxl-inpaint'),
	],
)
def test_a_real_sized_inpainting_file_gets_the_bundled_inpaint_configs(
	tmp_path: Path, text_encoder: str, width: int, yaml: str | None, variant: Variant
) -> None:
	"""A1111's inpainting YAML names only the base model (context_dim 768): the 9 channels make it inpainting."""
	path = real_layout_file(tmp_path / 'model.safetensors', text_encoder, width)
	if yaml is not None:
		(tmp_path / 'model.yaml').write_text(f'model:\n  params:\n    unet_config:\n      params:\n        {yaml}\n')
	found = inspect_checkpoint(path, is_folder=False)
	assert found.details.config == variant and found.details.inpainting
	assert resolve_config(path, found.details.config) == config_dir(variant)
	assert '"in_channels": 9' in (config_dir(variant) / 'unet' / 'config.json').read_text()
