"""Loading a diffusers model folder onto the planned device, offline."""

import gc
from collections.abc import Mapping
from dataclasses import dataclass

import torch
from diffusers import StableDiffusionPipeline, StableDiffusionXLPipeline

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.single_file import load_single_file, load_vae
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import ModelLoadError
from localai_ui.schemas.models import ModelInfo

TextToImagePipeline = StableDiffusionPipeline | StableDiffusionXLPipeline


@dataclass(frozen=True)
class LoadedModel:
	"""A pipeline on its device, with the scheduler config it shipped with (every run builds its own from it)."""

	info: ModelInfo
	pipeline: TextToImagePipeline
	scheduler_config: Mapping[str, object]


def load_model(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
	"""Load `info` with no network access; errors name the model and the reason."""
	try:
		pipeline = _from_folder(info, plan) if info.format == 'diffusers' else load_single_file(info, plan)
	except (OSError, ValueError, RuntimeError) as error:
		raise ModelLoadError(f'{info.name}: cannot load the model from {info.path}: {error}') from error
	pipeline = pipeline.to(plan.device)
	pipeline.set_progress_bar_config(disable=True)
	if plan.channels_last:
		pipeline.unet.to(memory_format=torch.channels_last)
	return LoadedModel(info, pipeline, dict(pipeline.scheduler.config))


def _from_folder(info: ModelInfo, plan: DevicePlan) -> TextToImagePipeline:
	vae: dict[str, object] = {} if info.vae is None else {'vae': load_vae(info.vae, info.path, plan.dtype)}
	if info.family is Family.SDXL:
		pipeline = StableDiffusionXLPipeline.from_pretrained(info.path, dtype=plan.dtype, local_files_only=True, **vae)
	else:
		pipeline = StableDiffusionPipeline.from_pretrained(
			info.path,
			dtype=plan.dtype,
			local_files_only=True,
			safety_checker=None,
			requires_safety_checker=False,
			**vae,
		)
	return pipeline


def release_memory(device: torch.device) -> None:
	"""Give freed tensors back after an unload, so a switch does not leave the old model resident."""
	gc.collect()
	if device.type == 'cuda':
		torch.cuda.empty_cache()
