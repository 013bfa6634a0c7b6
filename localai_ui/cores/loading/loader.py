"""Loading a diffusers model folder onto the planned device, offline."""

import gc
from collections.abc import Mapping
from dataclasses import dataclass

import torch
from diffusers import (
	StableDiffusionInpaintPipeline,
	StableDiffusionPipeline,
	StableDiffusionXLInpaintPipeline,
	StableDiffusionXLPipeline,
)

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.pipeline_types import InpaintPipeline, LoadedPipeline, TextToImagePipeline
from localai_ui.cores.loading.single_file import load_single_file, load_vae
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import ModelLoadError
from localai_ui.schemas.models import ModelInfo

__all__ = ['InpaintPipeline', 'LoadedModel', 'LoadedPipeline', 'TextToImagePipeline', 'load_model', 'release_memory']


@dataclass(frozen=True)
class LoadedModel:
	"""A pipeline on its device, with the scheduler config it shipped with (every run builds its own from it).

	An inpainting model (`info.inpainting`) holds an inpaint pipeline, which always needs `image` and `mask_image`.
	"""

	info: ModelInfo
	pipeline: LoadedPipeline
	scheduler_config: Mapping[str, object]


def load_model(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
	"""Load `info` with no network access; errors name the model and the reason."""
	try:
		pipeline = _from_folder(info, plan) if info.format == 'diffusers' else load_single_file(info, plan)
	except (OSError, ValueError, RuntimeError) as error:
		raise ModelLoadError(f'{info.name}: cannot load the model from {info.path}: {error}') from error
	pipeline = plan.place(pipeline, info.family)  # to the device in the planned memory mode
	pipeline.set_progress_bar_config(disable=True)
	if plan.channels_last:
		pipeline.unet.to(memory_format=torch.channels_last)
	return LoadedModel(info, pipeline, dict(pipeline.scheduler.config))


def _from_folder(info: ModelInfo, plan: DevicePlan) -> LoadedPipeline:
	vae: dict[str, object] = {} if info.vae is None else {'vae': load_vae(info.vae, info.path, plan.dtype)}
	if info.family is Family.SDXL:
		xl = StableDiffusionXLInpaintPipeline if info.inpainting else StableDiffusionXLPipeline
		return xl.from_pretrained(info.path, dtype=plan.dtype, local_files_only=True, use_safetensors=True, **vae)
	sd = StableDiffusionInpaintPipeline if info.inpainting else StableDiffusionPipeline
	return sd.from_pretrained(
		info.path,
		dtype=plan.dtype,
		local_files_only=True,
		use_safetensors=True,  # never a pickle, even one added to the folder after the scan
		safety_checker=None,
		requires_safety_checker=False,
		**vae,
	)


def release_memory(device: torch.device) -> None:
	"""Give freed tensors back after an unload, so a switch does not leave the old model resident."""
	gc.collect()
	if device.type == 'cuda':
		torch.cuda.empty_cache()
