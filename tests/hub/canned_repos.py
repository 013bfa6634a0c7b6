"""The fake hub's repos, with real (tiny) safetensors bytes: a public diffusers repo holding fp16 and fp32 copies,
.bin duplicates, EMA and Flax files; a single-file checkpoint repo; a gated repo; a repo whose UNet is only a .bin."""

import json
import random
import struct

from tests.hub.fake_hub import FakeHub, FakeRepo

TOKEN = 'hf_FakeReadToken0123456789abcdef'
NO_ACCESS_TOKEN = 'hf_FakeTokenWithoutAccess987654'
DIFFUSERS = 'acme/tiny-diffusers'
SINGLE = 'acme/single-file-xl'
GATED = 'gatedco/locked-xl'
PICKLED = 'old/pickle-only'
FLUX = 'bfl/tiny-flux'
TEXT_MODEL = 'acme/a-text-model'
README = """---
license: creativeml-openrail-m
tags:
- stable-diffusion
---

# Tiny Diffusers

![banner](https://example.invalid/banner.png)

A **tiny** Stable Diffusion pipeline made for [tests](https://example.invalid/tests), with fp16 and fp32 weights.

```python
pipe = StableDiffusionPipeline.from_pretrained('acme/tiny-diffusers')
```

It runs on a CPU in a blink.
Second line of the same paragraph.

## Details

| a | b |
"""


def safetensors_bytes(size: int, seed: int) -> bytes:
	"""A valid safetensors file with one U8 tensor of `size` seeded random bytes."""
	header = json.dumps({'weights': {'dtype': 'U8', 'shape': [size], 'data_offsets': [0, size]}}).encode()
	header += b' ' * (-len(header) % 8)
	return struct.pack('<Q', len(header)) + header + random.Random(seed).randbytes(size)


def config(**values: object) -> bytes:
	return json.dumps(values).encode()


def model_index(class_name: str, components: dict[str, list[str | None]]) -> bytes:
	return json.dumps({'_class_name': class_name, '_diffusers_version': '0.30.0', **components}).encode()


def _diffusers_files() -> dict[str, bytes]:
	shard_index = {'metadata': {'total_size': 2000}, 'weight_map': {'a': 'model.fp16-00001-of-00002.safetensors'}}
	return {
		'.gitattributes': b'*.safetensors filter=lfs\n',
		'README.md': README.encode(),
		'model_index.json': model_index(
			'StableDiffusionPipeline',
			{
				'unet': ['diffusers', 'UNet2DConditionModel'],
				'vae': ['diffusers', 'AutoencoderKL'],
				'text_encoder': ['transformers', 'CLIPTextModel'],
				'tokenizer': ['transformers', 'CLIPTokenizer'],
				'scheduler': ['diffusers', 'PNDMScheduler'],
				'safety_checker': ['stable_diffusion', 'StableDiffusionSafetyChecker'],
				'feature_extractor': ['transformers', 'CLIPImageProcessor'],
				'image_encoder': [None, None],
			},
		),
		'unet/config.json': config(_class_name='UNet2DConditionModel', sample_size=8),
		'unet/diffusion_pytorch_model.safetensors': safetensors_bytes(6000, 1),
		'unet/diffusion_pytorch_model.fp16.safetensors': safetensors_bytes(300_000, 2),
		'unet/diffusion_pytorch_model.non_ema.safetensors': safetensors_bytes(6000, 3),
		'unet/diffusion_pytorch_model.bin': b'\x80\x04pickle-bytes',
		'unet/diffusion_pytorch_model.fp16.bin': b'\x80\x04pickle-bytes-fp16',
		'unet/diffusion_flax_model.msgpack': b'flax',
		'vae/config.json': config(_class_name='AutoencoderKL'),
		'vae/diffusion_pytorch_model.safetensors': safetensors_bytes(3000, 4),
		'vae/diffusion_pytorch_model.fp16.safetensors': safetensors_bytes(1500, 5),
		'vae/diffusion_pytorch_model.ema.safetensors': safetensors_bytes(1500, 6),
		'text_encoder/config.json': config(architectures=['CLIPTextModel']),
		'text_encoder/model.safetensors': safetensors_bytes(4000, 7),
		'text_encoder/model.fp16-00001-of-00002.safetensors': safetensors_bytes(1000, 8),
		'text_encoder/model.fp16-00002-of-00002.safetensors': safetensors_bytes(1000, 9),
		'text_encoder/model.safetensors.index.fp16.json': json.dumps(shard_index).encode(),
		'text_encoder/pytorch_model.bin': b'\x80\x04pickle',
		'tokenizer/vocab.json': config(a=0, b=1),
		'tokenizer/merges.txt': b'#version: 0.2\na b\n',
		'tokenizer/tokenizer_config.json': config(model_max_length=77),
		'scheduler/scheduler_config.json': config(_class_name='PNDMScheduler'),
		'safety_checker/config.json': config(),
		'safety_checker/model.safetensors': safetensors_bytes(2000, 10),
		'feature_extractor/preprocessor_config.json': config(crop_size=224),
		'onnx/unet/model.onnx': b'onnx',
		'image_encoder/config.json': config(),
		'v1-5-pruned-emaonly.safetensors': safetensors_bytes(2500, 11),
		'v1-5-pruned.ckpt': b'\x80\x04pickle-ckpt',
	}


def _xl_index() -> bytes:
	return model_index(
		'StableDiffusionXLPipeline',
		{'unet': ['diffusers', 'UNet2DConditionModel'], 'scheduler': ['diffusers', 'EulerDiscreteScheduler']},
	)


def canned_hub() -> FakeHub:
	repos = [
		FakeRepo(
			DIFFUSERS,
			_diffusers_files(),
			['diffusers', 'safetensors', 'stable-diffusion', 'diffusers:StableDiffusionPipeline'],
			downloads=5000,
			likes=10,
			license='creativeml-openrail-m',
		),
		FakeRepo(
			SINGLE,
			{
				'README.md': b'An SDXL checkpoint.',
				'model-xl.safetensors': safetensors_bytes(5000, 12),
				'model-xl.ckpt': b'\x80',
			},
			['stable-diffusion-xl', 'safetensors', 'license:openrail++'],
			downloads=100,
			likes=900,
			sizes_in_info=False,
		),
		FakeRepo(
			GATED,
			{
				'README.md': b'Accept the conditions first.\n',
				'model_index.json': _xl_index(),
				'unet/config.json': config(_class_name='UNet2DConditionModel'),
				'unet/diffusion_pytorch_model.fp16.safetensors': safetensors_bytes(20_000, 13),
				'scheduler/scheduler_config.json': config(_class_name='EulerDiscreteScheduler'),
			},
			['diffusers', 'stable-diffusion-xl', 'diffusers:StableDiffusionXLPipeline'],
			downloads=3000,
			likes=50,
			gated=True,
			license='other',
		),
		FakeRepo(
			PICKLED,
			{
				'model_index.json': model_index(
					'StableDiffusionPipeline', {'unet': ['diffusers', 'UNet2DConditionModel']}
				),
				'unet/config.json': config(_class_name='UNet2DConditionModel'),
				'unet/diffusion_pytorch_model.bin': b'\x80\x04old-pickle',
			},
			['diffusers', 'stable-diffusion', 'diffusers:StableDiffusionPipeline'],
			downloads=700,
			likes=700,
		),
		FakeRepo(FLUX, {'README.md': b'flux'}, ['diffusers', 'flux', 'diffusers:FluxPipeline'], downloads=10, likes=1),
		FakeRepo(
			TEXT_MODEL, {'README.md': b'text'}, ['transformers'], downloads=99_999, pipeline_tag='text-generation'
		),
	]
	return FakeHub({repo.id: repo for repo in repos}, tokens={TOKEN: {GATED}, NO_ACCESS_TOKEN: set()}, tree_page_size=2)
