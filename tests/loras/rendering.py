"""Rendering the tiny pipelines directly and reading every weight, to prove a LoRA left no trace."""

from pathlib import Path

import numpy as np
import torch

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
from tests.loras.lora_builders import TinyPipeline
from tests.tiny_models import build_sd1, build_sdxl

Pixels = np.ndarray[tuple[int, int, int], np.dtype[np.int16]]
COMPONENTS = ('unet', 'text_encoder', 'text_encoder_2')


def tiny_model(architecture: Family) -> LoadedModel:
	"""A freshly built tiny pipeline (the same weights every time) as the manager would hold it."""
	pipeline = build_sdxl() if architecture is Family.SDXL else build_sd1()
	pipeline.set_progress_bar_config(disable=True)
	name = 'tiny-sdxl' if architecture is Family.SDXL else 'tiny-sd15'
	return LoadedModel(ModelInfo(name, Path(name), architecture), pipeline, dict(pipeline.scheduler.config))


def render(pipeline: TinyPipeline, size: int = 64, steps: int = 2) -> Pixels:
	"""2 steps at 64 px (unless told otherwise) from a fixed CPU generator."""
	generator = torch.Generator('cpu').manual_seed(1)
	output = pipeline(prompt='a red apple', num_inference_steps=steps, width=size, height=size, generator=generator)
	return np.asarray(output.images[0], dtype=np.int16)


def weights(pipeline: TinyPipeline) -> dict[str, torch.Tensor]:
	"""Every UNet and text-encoder tensor of the model itself by name, copied: a resident adapter's own tensors are
	left out and a wrapped layer's base weight keeps its plain name, so any change to the model's weights shows."""
	found: dict[str, torch.Tensor] = {}
	for component in COMPONENTS:
		module = getattr(pipeline, component, None)
		if isinstance(module, torch.nn.Module):
			for key, value in module.state_dict().items():
				if '.lora_' not in key:
					found[f'{component}.{key.replace(".base_layer.", ".")}'] = value.clone()
	return found


def pixel_difference(first: Pixels, second: Pixels) -> int:
	return int(np.abs(first - second).max())


def largest_weight_difference(first: dict[str, torch.Tensor], second: dict[str, torch.Tensor]) -> float:
	"""Max abs difference over all tensors; the names must match (no LoRA wrapper left behind)."""
	assert sorted(first) == sorted(second)
	return max(float((first[key] - second[key]).abs().max()) for key in first)
