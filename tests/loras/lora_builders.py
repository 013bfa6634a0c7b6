"""Tiny LoRAs for the tiny test models, built in code in the layouts diffusers loads: peft, kohya, kohya with LDM names."""

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import cast

import torch
from safetensors.torch import save

from localai_ui.cores.loading.pipeline_types import SDXL_PIPELINES, LoadedPipeline
from localai_ui.schemas.loras import LoraSpec
from localai_ui.services.hashing import file_hashes
from localai_ui.services.lora_files.inspect import inspect_lora

Tensors = dict[str, torch.Tensor]
TinyPipeline = LoadedPipeline
RANK = 4
ALPHA = 2.0
TAG_FREQUENCY = {'set_a': {'red apple': 3, ' shiny': 1}, 'set_b': {'shiny': 5, 'still life': 1}}


def _linears(module: torch.nn.Module, keep: str) -> Iterator[tuple[str, torch.nn.Linear]]:
	for name, child in cast(Iterator[tuple[str, torch.nn.Module]], module.named_modules()):
		if isinstance(child, torch.nn.Linear) and keep in name:
			yield name, child


def _modules(pipeline: TinyPipeline) -> Iterator[tuple[str, str, torch.nn.Linear]]:
	"""(component, module name, layer): the UNet's attention blocks and the text encoders' layers, as kohya trains."""
	yield from (('unet', name, layer) for name, layer in _linears(pipeline.unet, 'attentions.'))
	yield from (('text_encoder', name, layer) for name, layer in _linears(pipeline.text_encoder, 'encoder.layers'))
	if isinstance(pipeline, SDXL_PIPELINES):
		encoder = pipeline.text_encoder_2
		yield from (('text_encoder_2', name, layer) for name, layer in _linears(encoder, 'encoder.layers'))


def _pairs(
	pipeline: TinyPipeline, seed: int, scale: float, rank: int = RANK
) -> Iterator[tuple[str, str, torch.Tensor, torch.Tensor]]:
	generator = torch.Generator().manual_seed(seed)
	for component, name, layer in _modules(pipeline):
		down = torch.randn(rank, layer.in_features, generator=generator) * scale
		up = torch.randn(layer.out_features, rank, generator=generator) * scale
		yield component, name, down, up


def peft_lora(pipeline: TinyPipeline, seed: int = 1, scale: float = 0.3) -> Tensors:
	"""diffusers' own layout: `unet.<module>.lora_A.weight` (alpha = rank, so scale 1)."""
	tensors: Tensors = {}
	for component, name, down, up in _pairs(pipeline, seed, scale):
		tensors[f'{component}.{name}.lora_A.weight'] = down
		tensors[f'{component}.{name}.lora_B.weight'] = up
	return tensors


def kohya_lora(
	pipeline: TinyPipeline, seed: int = 1, scale: float = 0.3, ldm: bool = False, rank: int = RANK
) -> Tensors:
	"""kohya's layout: `lora_unet_<module_with_underscores>.lora_down.weight`, `.lora_up.weight` and `.alpha`."""
	xl = isinstance(pipeline, SDXL_PIPELINES)
	prefixes = {'unet': 'lora_unet_', 'text_encoder': 'lora_te1_' if xl else 'lora_te_', 'text_encoder_2': 'lora_te2_'}
	tensors: Tensors = {}
	for component, name, down, up in _pairs(pipeline, seed, scale, rank):
		module = ldm_module_name(name) if ldm and component == 'unet' else name
		if component != 'unet':
			module = 'text_model.' + module.removeprefix('text_model.')
		key = prefixes[component] + module.replace('.', '_')
		tensors[f'{key}.lora_down.weight'] = down
		tensors[f'{key}.lora_up.weight'] = up
		tensors[f'{key}.alpha'] = torch.tensor(ALPHA)
	return tensors


def ldm_module_name(name: str, layers_per_block: int = 1) -> str:
	"""A diffusers UNet attention module under its LDM/SGM name (input_blocks.N.1...), as kohya names SDXL LoRAs."""
	parts = name.split('.')
	if parts[0] == 'mid_block':
		return '.'.join(['middle_block', '1', *parts[3:]])
	block, layer = int(parts[1]), int(parts[3])
	if parts[0] == 'down_blocks':
		return '.'.join(['input_blocks', str(1 + block * (layers_per_block + 1) + layer), '1', *parts[4:]])
	return '.'.join(['output_blocks', str(block * (layers_per_block + 1) + layer), '1', *parts[4:]])


def kohya_metadata(base_version: str, tags: Mapping[str, Mapping[str, int]] = TAG_FREQUENCY) -> dict[str, str]:
	return {
		'ss_base_model_version': base_version,
		'ss_tag_frequency': json.dumps(tags),
		'ss_network_dim': str(RANK),
		'ss_network_alpha': str(ALPHA),
	}


def write_lora(path: Path, tensors: Tensors, metadata: Mapping[str, str] | None = None) -> Path:
	path.write_bytes(save(tensors, dict(metadata) if metadata else None))
	return path


def lora_spec(folder: Path, name: str, weight: float = 1.0, te_weight: float | None = None) -> LoraSpec:
	"""The spec for `<folder>/<name>.safetensors`, inspected and hashed as the library would."""
	path = folder / f'{name}.safetensors'
	found = inspect_lora(path)
	hashes = file_hashes(path, addnet=True)
	return LoraSpec(
		name=name,
		path=path,
		weight=weight,
		addnet_hash=hashes.addnet or '',
		family=found.family,
		cross_attention_dim=found.details.cross_attention_dim,
		layout=found.details.layout,
		te_weight=te_weight,
	)
