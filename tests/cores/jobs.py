"""Helpers to build jobs for the tiny models and to drain the manager's events."""

from pathlib import Path

import numpy as np
from PIL.Image import Image

from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, GenerationResult, PreviewSettings, StepUpdate
from localai_ui.schemas.prompts import EmbeddingInfo

FAST_PREVIEWS = PreviewSettings(max_per_second=1e6)


def tiny_info(models_dir: Path, family: Family = Family.SD1) -> ModelInfo:
	name = 'tiny-sdxl' if family is Family.SDXL else 'tiny-sd15'
	return ModelInfo(name=name, path=models_dir / name, family=family)


def tiny_job(
	info: ModelInfo,
	*,
	seed: int = 1,
	preview: PreviewSettings = FAST_PREVIEWS,
	embeddings: tuple[EmbeddingInfo, ...] = (),
	init_image: Image | None = None,
	mask: Image | None = None,
	**values: str | int | float | bool,
) -> GenerationJob:
	"""A 64 px, 2-step job unless `values` say otherwise; seeds are seed, seed+1, ...

	With `init_image` (and `mask`) it is an image-to-image (inpainting) job, as the resolver makes one.
	"""
	fields: dict[str, object] = {'prompt': 'a red apple', 'width': 64, 'height': 64, 'steps': 2, **values}
	if init_image is not None:
		fields['init_image'] = 'inputs/init.png'
	if mask is not None:
		fields['mask_image'] = 'inputs/mask.png'
	request = GenerationRequest.model_validate({**fields, 'seed': seed})
	seeds = tuple(seed + i for i in range(request.image_count))
	return GenerationJob(request, info, seeds, preview, embeddings=embeddings, init_image=init_image, mask=mask)


def run_all(manager: PipelineManager, job: GenerationJob, cancel: CancelToken | None = None) -> list[GenerationEvent]:
	return list(manager.generate(job, cancel or CancelToken()))


def result_of(events: list[GenerationEvent]) -> GenerationResult:
	last = events[-1]
	assert isinstance(last, GenerationResult)
	return last


def steps_of(events: list[GenerationEvent]) -> list[StepUpdate]:
	return [event for event in events if isinstance(event, StepUpdate)]


def pixels(image: Image) -> np.ndarray[tuple[int, int, int], np.dtype[np.int16]]:
	return np.asarray(image, dtype=np.int16)


def new_applier() -> LoraApplier:
	"""A LoRA applier of its own for a manager built in a test."""
	return LoraApplier(LoraStateCache())
