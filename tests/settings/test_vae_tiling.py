"""VAE tiling gives the untiled image within rounding: each convolution reads its neighbours' pixels and each
GroupNorm the whole image's statistics. A 2048x2048 run on the CPU finishes through it."""

import copy
from typing import Protocol, cast

import numpy as np
import pytest
import torch
from diffusers.models.autoencoders.vae import DecoderOutput
from PIL import Image
from torch import nn

from localai_ui.context import AppContext
from localai_ui.cores.loading.device import DevicePlan, plan_device
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.loading.memory_policy import MemoryPolicy
from localai_ui.cores.loading.memory_savers import apply_vae_savers, vae_savers
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.vae_tiling.decoder import decode_in_tiles
from localai_ui.cores.vae_tiling.install import install_exact_tiling
from localai_ui.cores.vae_tiling.tile_ops import Tiler, UnsupportedLayerError, conv, group_norm
from localai_ui.schemas.assets import Family
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.system import MemoryPlan
from tests.cores.jobs import new_applier, result_of, run_all, tiny_job
from tests.tiny_models import build_sd1

CPU = torch.device('cpu')


def _levels(pixels: torch.Tensor) -> np.ndarray:
	return ((pixels.clamp(-1, 1) + 1) * 127.5).round().numpy()


def _cpu_plan(width: int) -> MemoryPlan:
	"""What the planner gives the CPU: tiling on for 2048x2048, off for a size an untiled decode handles."""
	policy = MemoryPolicy()
	return policy.run_plan(policy.placement(Family.SD1, CPU), Family.SD1, CPU, (width, width, 1))


def test_small_tiles_give_what_the_whole_decoder_gives_within_rounding() -> None:
	"""Tiles of 32 px at every layer (dozens per layer) against the untiled decoder and a float64 reference: the
	tiled result is as close to exact arithmetic as the untiled one, so the two differ only by rounding."""
	vae = build_sd1().vae.eval()
	decoder = vae.get_submodule('decoder')
	exact_vae = copy.deepcopy(vae).double()
	latents = torch.randn((2, 4, 24, 24), generator=torch.Generator().manual_seed(0))
	with torch.no_grad():
		start: torch.Tensor = vae.get_submodule('post_quant_conv')(latents)
		untiled: torch.Tensor = decoder(start)
		tiled = decode_in_tiles(decoder, start, Tiler(CPU, CPU, max_tile_values=32 * 32 * 32))
		exact_start: torch.Tensor = exact_vae.get_submodule('post_quant_conv')(latents.double())
		exact: torch.Tensor = exact_vae.get_submodule('decoder')(exact_start)
	assert tiled.shape == untiled.shape == (2, 3, 192, 192)
	assert (tiled.double() - exact).abs().max() <= 2 * (untiled.double() - exact).abs().max() + 1e-5
	assert (tiled - untiled).abs().max() < 1e-3
	assert untiled.std() > 0.1  # not a flat image


def test_a_tiled_run_through_the_vae_matches_an_untiled_one(context: AppContext) -> None:
	"""The savers the planner picks for 2048x2048 on the CPU (tiling on) against those of a 768 px run (off), with
	the VAE tiling at 512 px as SD 1.5's does, decoding 768x768 both ways: at most one level apart, rarely."""
	model = load_model(_tiny(context), plan_device('cpu'))
	savers = vae_savers(model.pipeline)
	savers.tile_sample_min_size, savers.tile_latent_min_size = 512, 64
	latents = torch.randn((1, 4, 96, 96), generator=torch.Generator('cpu').manual_seed(0))
	decoded: list[np.ndarray] = []
	for plan in (_cpu_plan(768), _cpu_plan(2048)):
		apply_vae_savers(model.pipeline, plan)
		with torch.no_grad():
			decoded.append(_levels(model.pipeline.vae.decode(latents).sample[0]))
	assert savers.use_tiling and install_exact_tiling(model.pipeline.vae).runs == 1
	untiled, tiled = decoded
	assert tiled.shape == untiled.shape == (3, 768, 768)
	assert np.abs(untiled - tiled).max() <= 1 and (untiled != tiled).mean() < 0.01


class _Blending(Protocol):
	"""diffusers' own tiled decode: tiles normalised on their own, seams blended."""

	def tiled_decode(self, z: torch.Tensor, return_dict: bool = True) -> DecoderOutput: ...


def test_a_decoder_of_another_shape_falls_back_to_diffusers_tiles() -> None:
	pipeline = build_sd1()
	vae = pipeline.vae.eval()
	vae.get_submodule('decoder').conv_act = nn.Softmax(dim=1)  # not elementwise: cannot be tiled exactly
	savers = vae_savers(pipeline)
	savers.enable_tiling()
	savers.tile_sample_min_size, savers.tile_latent_min_size = 64, 8
	blended = cast(_Blending, vae).tiled_decode
	exact = install_exact_tiling(vae)
	assert install_exact_tiling(vae) is exact
	latents = torch.randn((1, 4, 16, 16), generator=torch.Generator().manual_seed(1))
	with torch.no_grad():
		got = vae.decode(latents).sample
		want = blended(latents).sample
	assert exact.runs == 0 and torch.equal(got, want)


def test_layers_that_cannot_be_tiled_exactly_are_named() -> None:
	tiler = Tiler(CPU, CPU, max_tile_values=16 * 16)
	activation = torch.randn((1, 1, 40, 40))
	with pytest.raises(UnsupportedLayerError, match='cannot tile'):
		conv(tiler, nn.Conv2d(1, 1, 3, stride=2, padding=1), activation)
	with pytest.raises(UnsupportedLayerError, match='cannot tile'):
		conv(tiler, nn.Conv2d(1, 1, 3, padding=1, padding_mode='reflect'), activation)
	norm = nn.GroupNorm(1, 1).to('meta')
	with pytest.raises(UnsupportedLayerError, match='sequential offload'):
		group_norm(tiler, norm, activation, nn.SiLU())


def test_a_2048_run_on_the_cpu_finishes_through_exact_tiling(context: AppContext) -> None:
	loaded: list[LoadedModel] = []

	def loader(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
		loaded.append(load_model(info, plan))
		return loaded[-1]

	manager = PipelineManager(plan_device('cpu'), new_applier(), loader=loader)
	try:
		result = result_of(run_all(manager, tiny_job(_tiny(context), width=2048, height=2048, steps=1, cfg_scale=1.0)))
		assert result.error is None
		[image] = result.images
		assert isinstance(image.image, Image.Image) and image.image.size == (2048, 2048)
		[model] = loaded
		assert vae_savers(model.pipeline).use_tiling and install_exact_tiling(model.pipeline.vae).runs == 1
	finally:
		manager.unload()


def _tiny(context: AppContext) -> ModelInfo:
	return context.libraries.catalog.info(context.libraries.checkpoints.library.record('tiny-sd15'))
