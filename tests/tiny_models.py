"""Tiny random-weight SD1.x and SDXL pipelines built in code, so tests never need a real model or the network."""

from pathlib import Path

import torch
from diffusers import (
	AutoencoderKL,
	EulerDiscreteScheduler,
	StableDiffusionPipeline,
	StableDiffusionXLPipeline,
	UNet2DConditionModel,
)
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection, CLIPTokenizer

_SCHEDULER: dict[str, object] = {
	'beta_start': 0.00085,
	'beta_end': 0.012,
	'beta_schedule': 'scaled_linear',
	'num_train_timesteps': 1000,
	'steps_offset': 1,
	'timestep_spacing': 'leading',
}


def byte_tokenizer() -> CLIPTokenizer:
	"""A CLIP tokenizer over the 256 byte symbols (no merges): enough for prompts of any text."""
	printable = [*range(ord('!'), ord('~') + 1), *range(ord('¡'), ord('¬') + 1), *range(ord('®'), ord('ÿ') + 1)]
	extra = [byte for byte in range(256) if byte not in printable]
	symbols = [chr(code) for code in printable] + [chr(256 + offset) for offset in range(len(extra))]
	vocab = {symbol: index for index, symbol in enumerate(symbols)}
	vocab.update({f'{symbol}</w>': 256 + index for index, symbol in enumerate(symbols)})
	vocab.update({'<|startoftext|>': 512, '<|endoftext|>': 513})
	return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def _text_config(hidden: int) -> CLIPTextConfig:
	return CLIPTextConfig(
		bos_token_id=512,
		eos_token_id=513,
		pad_token_id=513,
		hidden_size=hidden,
		intermediate_size=37,
		num_attention_heads=4,
		num_hidden_layers=2,
		vocab_size=514,
		max_position_embeddings=77,
		projection_dim=hidden,
	)


def _vae() -> AutoencoderKL:
	"""Four levels, so the latents are 1/8 of the image as in real models."""
	return AutoencoderKL(
		block_out_channels=(32, 32, 32, 32),
		in_channels=3,
		out_channels=3,
		down_block_types=('DownEncoderBlock2D',) * 4,
		up_block_types=('UpDecoderBlock2D',) * 4,
		latent_channels=4,
		norm_num_groups=32,
		sample_size=64,
	)


def _unet(cross_attention_dim: int, **extra: object) -> UNet2DConditionModel:
	return UNet2DConditionModel(
		block_out_channels=(32, 64),
		layers_per_block=1,
		sample_size=8,
		in_channels=4,
		out_channels=4,
		down_block_types=('DownBlock2D', 'CrossAttnDownBlock2D'),
		up_block_types=('CrossAttnUpBlock2D', 'UpBlock2D'),
		norm_num_groups=32,
		cross_attention_dim=cross_attention_dim,
		**extra,
	)


def build_sd1(seed: int = 0) -> StableDiffusionPipeline:
	torch.default_generator.manual_seed(seed)
	return StableDiffusionPipeline(
		vae=_vae(),
		text_encoder=CLIPTextModel(_text_config(32)),
		tokenizer=byte_tokenizer(),
		unet=_unet(32),
		scheduler=EulerDiscreteScheduler(**_SCHEDULER),
		safety_checker=None,
		feature_extractor=None,
		requires_safety_checker=False,
	)


def build_sdxl(seed: int = 0) -> StableDiffusionXLPipeline:
	"""Two text encoders (32 + 32 hidden) and SDXL's text-time conditioning (6 x 8 + 32 = 80)."""
	torch.default_generator.manual_seed(seed)
	unet = _unet(
		64,
		addition_embed_type='text_time',
		addition_time_embed_dim=8,
		projection_class_embeddings_input_dim=80,
		transformer_layers_per_block=(1, 2),
		attention_head_dim=(2, 4),
		use_linear_projection=True,
	)
	return StableDiffusionXLPipeline(
		vae=_vae(),
		text_encoder=CLIPTextModel(_text_config(32)),
		text_encoder_2=CLIPTextModelWithProjection(_text_config(32)),
		tokenizer=byte_tokenizer(),
		tokenizer_2=byte_tokenizer(),
		unet=unet,
		scheduler=EulerDiscreteScheduler(**_SCHEDULER),
	)


def save_tiny_models(models_dir: Path) -> tuple[Path, Path]:
	"""Write a tiny SD1.x and a tiny SDXL model as diffusers folders; returns their paths."""
	sd1, sdxl = models_dir / 'tiny-sd15', models_dir / 'tiny-sdxl'
	build_sd1().save_pretrained(sd1)
	build_sdxl().save_pretrained(sdxl)
	return sd1, sdxl
