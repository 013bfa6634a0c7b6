"""Tiny SD1.x and SDXL checkpoints (text-to-image and 9-channel inpainting) written as A1111 single files, with a
`<name>.diffusers/` config sidecar."""

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, cast

import safetensors.torch
import torch
from diffusers import (
	StableDiffusionInpaintPipeline,
	StableDiffusionPipeline,
	StableDiffusionXLInpaintPipeline,
	StableDiffusionXLPipeline,
	UNet2DConditionModel,
)
from transformers import CLIPTextConfig, CLIPTextModelWithProjection

from tests.models.ldm_layout import Tensors, clip_to_ldm, open_clip_to_ldm, unet_to_ldm, vae_to_ldm
from tests.tiny_models import build_sd1, build_sdxl

SIDECAR_SUFFIX = '.diffusers'
TinyPipeline = (
	StableDiffusionPipeline
	| StableDiffusionXLPipeline
	| StableDiffusionInpaintPipeline
	| StableDiffusionXLInpaintPipeline
)


class SaveFile(Protocol):
	def __call__(
		self, tensors: dict[str, torch.Tensor], filename: str, metadata: dict[str, str] | None = None
	) -> None: ...


# safetensors' own signature leaves parts untyped; this is the one call the fixtures make.
save_file: SaveFile = getattr(safetensors.torch, 'save_file')  # noqa: B009


def _strings(config: Mapping[str, object], key: str) -> list[str]:
	value = config[key]
	assert isinstance(value, tuple | list)
	return [str(item) for item in tuple(cast(list[object], value))]


def to_ldm_state(pipeline: TinyPipeline) -> Tensors:
	"""The whole pipeline's weights under A1111 names."""
	config = pipeline.unet.config
	layers = config['layers_per_block']
	assert isinstance(layers, int)
	state = unet_to_ldm(pipeline.unet.state_dict(), layers, _strings(config, 'up_block_types'))
	state.update(vae_to_ldm(pipeline.vae.state_dict(), len(_strings(pipeline.vae.config, 'block_out_channels'))))
	if isinstance(pipeline, StableDiffusionXLPipeline | StableDiffusionXLInpaintPipeline):
		state.update(clip_to_ldm(pipeline.text_encoder.state_dict(), 'conditioner.embedders.0.transformer.'))
		state.update(open_clip_to_ldm(pipeline.text_encoder_2.state_dict(), 'conditioner.embedders.1.model.'))
	else:
		state.update(clip_to_ldm(pipeline.text_encoder.state_dict(), 'cond_stage_model.transformer.'))
	return {key: value.contiguous() for key, value in state.items()}


def write_sidecar(pipeline: TinyPipeline, folder: Path) -> None:
	"""The pipeline's configs and tokenizers without weights: what `from_single_file(config=...)` reads."""
	pipeline.save_pretrained(folder)
	for weights in folder.rglob('*.safetensors'):
		weights.unlink()


def write_checkpoint(pipeline: TinyPipeline, path: Path, metadata: Mapping[str, str] | None = None) -> Path:
	"""`path` (a .safetensors file) in the A1111 layout, and its `.diffusers` sidecar beside it."""
	path.parent.mkdir(parents=True, exist_ok=True)
	save_file(to_ldm_state(pipeline), str(path), metadata=dict(metadata or {'format': 'pt'}))
	sidecar = path.with_suffix(SIDECAR_SUFFIX)
	shutil.rmtree(sidecar, ignore_errors=True)
	write_sidecar(pipeline, sidecar)
	return path


def unet_with(unet: UNet2DConditionModel, **changes: object) -> UNet2DConditionModel:
	"""A new random UNet with `unet`'s config but for `changes` (in_channels=9 makes an inpainting UNet)."""
	config = {**unet.config, **changes}
	return UNet2DConditionModel(**{key: value for key, value in config.items() if not key.startswith('_')})


def build_single_file_sdxl(seed: int = 0) -> StableDiffusionXLPipeline:
	"""The tiny SDXL with a wider second text encoder (64 vs 32), as in real SDXL (1280 vs 768).

	diffusers tells the two encoders of a single file apart by their width; equal widths would load one into both.
	"""
	pipeline = build_sdxl(seed)
	second = CLIPTextConfig(
		bos_token_id=512,
		eos_token_id=513,
		pad_token_id=513,
		hidden_size=64,
		intermediate_size=37,
		num_attention_heads=4,
		num_hidden_layers=2,
		vocab_size=514,
		max_position_embeddings=77,
		projection_dim=64,
	)
	unet = unet_with(pipeline.unet, cross_attention_dim=96, projection_class_embeddings_input_dim=112)
	return StableDiffusionXLPipeline(
		vae=pipeline.vae,
		text_encoder=pipeline.text_encoder,
		text_encoder_2=CLIPTextModelWithProjection(second),
		tokenizer=pipeline.tokenizer,
		tokenizer_2=pipeline.tokenizer_2,
		unet=unet,
		scheduler=pipeline.scheduler,
	)


def write_tiny_checkpoints(folder: Path) -> tuple[Path, Path]:
	"""tiny-sd15.safetensors and tiny-sdxl.safetensors (with sidecars) in `folder`."""
	with torch.no_grad():
		sd1 = write_checkpoint(build_sd1(), folder / 'tiny-sd15.safetensors', {'modelspec.title': 'Tiny SD1'})
		sdxl = write_checkpoint(
			build_single_file_sdxl(), folder / 'tiny-sdxl.safetensors', {'modelspec.title': 'Tiny SDXL'}
		)
	return sd1, sdxl


def build_inpaint_sd1(seed: int = 0, in_channels: int = 9) -> StableDiffusionInpaintPipeline:
	"""The tiny SD1 with a UNet that also takes the mask and the masked image (9 channels, or 8 as instruct-pix2pix)."""
	base = build_sd1(seed)
	return StableDiffusionInpaintPipeline.from_pipe(base, unet=unet_with(base.unet, in_channels=in_channels))


def build_inpaint_sdxl(seed: int = 0) -> StableDiffusionXLInpaintPipeline:
	"""The tiny single-file SDXL with a 9-channel UNet, as diffusers' SDXL inpainting 0.1 (no aesthetic score)."""
	base = build_single_file_sdxl(seed)
	unet = unet_with(base.unet, in_channels=9)
	return StableDiffusionXLInpaintPipeline.from_pipe(base, unet=unet, requires_aesthetics_score=False)


def write_tiny_inpaint_checkpoints(folder: Path) -> tuple[Path, Path, Path]:
	"""tiny-sd15-inpaint and tiny-sdxl-inpaint (9 channels) and tiny-pix2pix (8), all with sidecars, in `folder`."""
	with torch.no_grad():
		sd1 = write_checkpoint(build_inpaint_sd1(), folder / 'tiny-sd15-inpaint.safetensors')
		sdxl = write_checkpoint(build_inpaint_sdxl(), folder / 'tiny-sdxl-inpaint.safetensors')
		pix2pix = write_checkpoint(build_inpaint_sd1(in_channels=8), folder / 'tiny-pix2pix.safetensors')
	return sd1, sdxl, pix2pix
