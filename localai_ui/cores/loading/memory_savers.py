"""Memory plans applied to a diffusers pipeline: where the weights sit (all on the device, one model at a time, or
layer by layer), attention slicing, and the VAE's tiling (exact, see cores/vae_tiling) and slicing, switched per run."""

from typing import Protocol, cast

import torch

from localai_ui.cores.loading.pipeline_types import LoadedPipeline
from localai_ui.cores.vae_tiling.install import install_exact_tiling
from localai_ui.schemas.system import MemoryPlan


class _Offloading(Protocol):
	"""The savers every Stable Diffusion pipeline has (the project's diffusers stub lists only what else it uses)."""

	def enable_model_cpu_offload(self, gpu_id: int | None = None, device: torch.device | str | None = None) -> None: ...
	def enable_sequential_cpu_offload(
		self, gpu_id: int | None = None, device: torch.device | str | None = None
	) -> None: ...
	def enable_attention_slicing(self, slice_size: str | int | None = 'auto') -> None: ...


class _VaeSavers(Protocol):
	"""AutoencoderKL's switches; a tile is `tile_sample_min_size` pixels (the VAE's sample size) a side."""

	use_tiling: bool
	use_slicing: bool
	tile_sample_min_size: int
	tile_latent_min_size: int

	def enable_tiling(self) -> None: ...
	def disable_tiling(self) -> None: ...
	def enable_slicing(self) -> None: ...
	def disable_slicing(self) -> None: ...


def place_pipeline(pipeline: LoadedPipeline, plan: MemoryPlan, device: torch.device) -> LoadedPipeline:
	"""Put the weights where `plan` says; offloading keeps them in RAM and moves them to `device` as they run."""
	savers = cast(_Offloading, pipeline)
	if plan.sequential_cpu_offload:
		savers.enable_sequential_cpu_offload(device=device)
	elif plan.model_cpu_offload:
		savers.enable_model_cpu_offload(device=device)
	else:
		pipeline = pipeline.to(device)
	if plan.attention_slicing:
		savers.enable_attention_slicing()
	apply_vae_savers(pipeline, plan)
	return pipeline


def vae_savers(pipeline: LoadedPipeline) -> _VaeSavers:
	return cast(_VaeSavers, pipeline.vae)


def apply_vae_savers(pipeline: LoadedPipeline, plan: MemoryPlan) -> None:
	"""Tiling decodes a large image tile by tile; slicing decodes a batch one image at a time. Both are switches on
	the VAE the pipeline shares with its image-to-image and inpainting variants."""
	vae = vae_savers(pipeline)
	if plan.vae_tiling:
		vae.enable_tiling()
		install_exact_tiling(pipeline.vae)
	else:
		vae.disable_tiling()
	if plan.vae_slicing:
		vae.enable_slicing()
	else:
		vae.disable_slicing()


def is_offloaded(plan: MemoryPlan) -> bool:
	"""Whether the weights live in RAM between runs (the cache must not move such a pipeline itself)."""
	return plan.model_cpu_offload or plan.sequential_cpu_offload
