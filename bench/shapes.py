"""Random-weight pipelines for benchmarks: the tiny test model, or one with SD1.5's real shapes."""

from pathlib import Path

import torch
from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel

from tests.tiny_models import byte_tokenizer, save_tiny_models

SD15_SCHEDULER: dict[str, object] = {
	'beta_start': 0.00085,
	'beta_end': 0.012,
	'beta_schedule': 'scaled_linear',
	'num_train_timesteps': 1000,
	'steps_offset': 1,
	'timestep_spacing': 'leading',
}


def build_sd15_shaped() -> StableDiffusionPipeline:
	"""SD1.5's UNet, VAE and text encoder shapes (about 1.07 B parameters) with random weights."""
	torch.default_generator.manual_seed(0)
	unet = UNet2DConditionModel(
		block_out_channels=(320, 640, 1280, 1280),
		layers_per_block=2,
		cross_attention_dim=768,
		attention_head_dim=8,
		sample_size=64,
	)
	vae = AutoencoderKL(
		block_out_channels=(128, 256, 512, 512),
		down_block_types=('DownEncoderBlock2D',) * 4,
		up_block_types=('UpDecoderBlock2D',) * 4,
		layers_per_block=2,
		latent_channels=4,
		sample_size=512,
	)
	config = CLIPTextConfig(
		bos_token_id=512,
		eos_token_id=513,
		pad_token_id=513,
		vocab_size=514,
		hidden_size=768,
		intermediate_size=3072,
		num_attention_heads=12,
		num_hidden_layers=12,
		max_position_embeddings=77,
	)
	return StableDiffusionPipeline(
		vae=vae,
		text_encoder=CLIPTextModel(config),
		tokenizer=byte_tokenizer(),
		unet=unet,
		scheduler=EulerDiscreteScheduler(**SD15_SCHEDULER),
		safety_checker=None,
		feature_extractor=None,
		requires_safety_checker=False,
	)


def write_model(shape: str, models_dir: Path) -> str:
	"""Save the model for `shape` ('tiny' or 'sd15') as a diffusers folder; returns its name."""
	if shape == 'tiny':
		save_tiny_models(models_dir)
		return 'tiny-sd15'
	build_sd15_shaped().save_pretrained(models_dir / 'sd15-shaped')
	return 'sd15-shaped'
