"""What a user sees: the image changes with token 100, clip skip, an embedding and a weight (tiny models, CPU)."""

from pathlib import Path

import numpy as np
import pytest
import torch

from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.prompts import EmbeddingInfo
from tests.cores.jobs import new_applier, pixels, result_of, run_all, tiny_info, tiny_job
from tests.prompts.helpers import embedding_info, realistic_sd1, write_embedding

Pixels = np.ndarray[tuple[int, int, int], np.dtype[np.int16]]


@pytest.fixture(scope='module')
def models(tmp_path_factory: pytest.TempPathFactory, tiny_models_dir: Path) -> dict[Family, ModelInfo]:
	"""SD1 with a learned-looking final LayerNorm (see helpers), and the shared tiny SDXL."""
	folder = tmp_path_factory.mktemp('prompt-models')
	realistic_sd1().save_pretrained(folder / 'tiny-sd15')
	return {Family.SD1: tiny_info(folder), Family.SDXL: tiny_info(tiny_models_dir, Family.SDXL)}


@pytest.fixture(scope='module')
def embeddings_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
	return tmp_path_factory.mktemp('embeddings')


@pytest.fixture(scope='module')
def manager() -> PipelineManager:
	return PipelineManager(plan_device('cpu'), new_applier())


def image(
	manager: PipelineManager,
	info: ModelInfo,
	prompt: str,
	negative_prompt: str = '',
	clip_skip: int = 1,
	cfg_scale: float = 7,
	embeddings: tuple[EmbeddingInfo, ...] = (),
) -> Pixels:
	job = tiny_job(
		info,
		seed=5,
		embeddings=embeddings,
		prompt=prompt,
		negative_prompt=negative_prompt,
		clip_skip=clip_skip,
		cfg_scale=cfg_scale,
	)
	result = result_of(run_all(manager, job))
	assert result.status is RunStatus.COMPLETED, result.error
	return pixels(result.images[0].image)


def differ(first: Pixels, second: Pixels) -> bool:
	return bool(np.abs(first - second).max() > 0)


@pytest.mark.parametrize('architecture', [Family.SD1, Family.SDXL])
def test_a_word_at_token_100_changes_the_image(
	manager: PipelineManager, models: dict[Family, ModelInfo], architecture: Family
) -> None:
	info, head = models[architecture], 'x' * 99  # one character is one token in the tiny tokenizer
	assert differ(image(manager, info, head + 'y'), image(manager, info, head + 'z'))


def test_clip_skip_2_changes_an_sd1_image(manager: PipelineManager, models: dict[Family, ModelInfo]) -> None:
	info = models[Family.SD1]
	assert differ(image(manager, info, 'a red apple'), image(manager, info, 'a red apple', clip_skip=2))


def test_sdxl_reads_the_penultimate_layer_for_clip_skip_2_as_a1111(
	manager: PipelineManager, models: dict[Family, ModelInfo]
) -> None:
	info = models[Family.SDXL]
	assert not differ(image(manager, info, 'a red apple'), image(manager, info, 'a red apple', clip_skip=2))


def test_a_weight_changes_the_image(manager: PipelineManager, models: dict[Family, ModelInfo]) -> None:
	info = models[Family.SD1]
	assert differ(image(manager, info, 'a red apple'), image(manager, info, 'a (red:1.6) apple'))


def test_an_embedding_changes_the_image_and_removing_it_leaves_no_trace(
	manager: PipelineManager, models: dict[Family, ModelInfo], embeddings_dir: Path
) -> None:
	info = models[Family.SD1]
	before = image(manager, info, 'a photo, gloomy', negative_prompt='gloomy')
	path = write_embedding(embeddings_dir / 'gloomy.safetensors', {'emb_params': torch.randn(3, 32) * 0.5})
	with_embedding = image(manager, info, 'a photo, gloomy', 'gloomy', embeddings=(embedding_info(path),))
	assert differ(before, with_embedding)
	assert not differ(before, image(manager, info, 'a photo, gloomy', negative_prompt='gloomy'))


@pytest.mark.parametrize('architecture', [Family.SD1, Family.SDXL])
def test_cfg_1_runs_without_a_negative(
	manager: PipelineManager, models: dict[Family, ModelInfo], architecture: Family
) -> None:
	info = models[architecture]
	unguided = image(manager, info, 'a red apple', negative_prompt='blurry', cfg_scale=1)
	assert not differ(unguided, image(manager, info, 'a red apple', negative_prompt='sharp', cfg_scale=1))
