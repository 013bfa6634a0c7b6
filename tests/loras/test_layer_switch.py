"""The fast LoRA set switch gives every LoRA layer exactly the state diffusers' `set_adapters` / `enable_lora` /
`disable_lora` give it (active adapters, scalings, enabled, trainable adapter weights), also for a LoRA that touches
only some layers and after adapters are loaded or deleted behind its back, without walking the whole model."""

import random
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol, cast

import pytest
import torch
from peft.tuners.lora.layer import LoraLayer

from localai_ui.cores.loading.pipeline_types import LoadedPipeline
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.layer_switch import ComponentWeights, LoraLayers
from localai_ui.cores.loras.state_cache import LoraStateCache, read_state_dict
from localai_ui.schemas.assets import Family
from tests.loras.lora_builders import lora_spec, peft_lora, write_lora
from tests.loras.rendering import COMPONENTS, tiny_model
from tests.tiny_models import build_sd1, build_sdxl

FILES = ('sd1_kohya', 'sd1_kohya_b', 'sd1_peft')
FILES_BY_FAMILY = {Family.SD1: FILES, Family.SDXL: ('sdxl_kohya', 'sdxl_ldm', 'sdxl_peft')}
LayerState = tuple[list[str], dict[str, float], bool, dict[str, bool]]
Walk = Iterator[tuple[str, torch.nn.Module]]


class Scaled(Protocol):
	"""peft's LoRA layer as far as its scaling goes (peft leaves the dict's types open)."""

	@property
	def scaling(self) -> dict[str, float]: ...


def _scaling(layer: Scaled) -> dict[str, float]:
	return layer.scaling


def _layer_states(pipeline: LoadedPipeline) -> dict[str, LayerState]:
	"""Per LoRA layer: active adapters, scaling per adapter, disabled, and whether each adapter's weights train."""
	states: dict[str, LayerState] = {}
	for component in COMPONENTS:
		module = getattr(pipeline, component, None)
		if not isinstance(module, torch.nn.Module):
			continue
		for name, layer in cast(Walk, module.named_modules()):
			if isinstance(layer, LoraLayer):
				scaling = {adapter: _scaling(layer)[adapter] for adapter in layer.lora_A}
				trains = {
					adapter: all(p.requires_grad for p in layer.lora_A[adapter].parameters()) for adapter in scaling
				}
				states[f'{component}.{name}'] = (list(layer.active_adapters), scaling, layer.disable_adapters, trains)
	return states


def _load(pipeline: LoadedPipeline, path: Path, adapter: str) -> None:
	pipeline.load_lora_weights(read_state_dict(path), adapter_name=adapter)


def _partial_lora(folder: Path, family: Family) -> Path:
	"""A LoRA on the UNet's down blocks and its time embedding: most layers and the text encoder do not hold it, and
	the time embedding becomes a LoRA layer only when it is loaded."""
	pipeline = build_sdxl() if family is Family.SDXL else build_sd1()
	tensors = {k: v for k, v in peft_lora(pipeline, seed=9).items() if 'down_blocks' in k}
	embedding = pipeline.unet.get_submodule('time_embedding.linear_1')
	assert isinstance(embedding, torch.nn.Linear)
	generator = torch.Generator().manual_seed(9)
	tensors['unet.time_embedding.linear_1.lora_A.weight'] = torch.randn(4, embedding.in_features, generator=generator)
	tensors['unet.time_embedding.linear_1.lora_B.weight'] = torch.randn(embedding.out_features, 4, generator=generator)
	return write_lora(folder / 'partial.safetensors', tensors)


def _random_set(rng: random.Random, adapters: list[str]) -> tuple[list[str], list[ComponentWeights]]:
	names = rng.sample(adapters, rng.randint(0, min(3, len(adapters))))
	weights: list[ComponentWeights] = []
	for _ in names:
		weight = round(rng.uniform(-1.5, 1.5), 2)
		split = {'unet': weight, 'text_encoder': round(rng.uniform(-1, 1), 2), 'text_encoder_2': rng.uniform(-1, 1)}
		weights.append(rng.choice([weight, split, {'unet': weight}]))
	return names, weights


def _diffusers_switch(pipeline: LoadedPipeline, names: list[str], weights: list[ComponentWeights]) -> None:
	if not names:
		pipeline.disable_lora()
		return
	pipeline.set_adapters(names, [dict(w) if isinstance(w, Mapping) else w for w in weights])
	pipeline.enable_lora()


def _fast_switch(
	layers: LoraLayers, pipeline: LoadedPipeline, names: list[str], weights: list[ComponentWeights]
) -> None:
	switched = layers.activate(pipeline, names, weights) if names else layers.disable(pipeline)
	assert switched, 'the tiny pipeline is what the fast path mirrors: it must not fall back to diffusers'


@pytest.mark.parametrize(('family', 'seed'), [(Family.SD1, 3), (Family.SD1, 4), (Family.SDXL, 5)])
def test_fast_switch_sets_the_layer_state_diffusers_sets(
	lora_dir: Path, tmp_path: Path, family: Family, seed: int
) -> None:
	rng = random.Random(seed)
	fast, reference = tiny_model(family).pipeline, tiny_model(family).pipeline
	files = {f'a{index}': lora_dir / f'{name}.safetensors' for index, name in enumerate(FILES_BY_FAMILY[family])}
	files['partial'] = _partial_lora(tmp_path, family)
	layers = LoraLayers()
	for step in range(24):
		if step in (0, 8):  # three adapters first, the partial one loaded later, without telling the switch
			for adapter in ['a0', 'a1', 'a2'] if step == 0 else ['partial']:
				_load(fast, files[adapter], adapter)
				_load(reference, files[adapter], adapter)
		if step == 12:  # everything unloaded and loaded again under the same names: new layers
			for pipeline in (fast, reference):
				pipeline.unload_lora_weights()
				for adapter in ('a0', 'a1', 'a2', 'partial'):
					_load(pipeline, files[adapter], adapter)
		if step == 16:
			fast.delete_adapters(['a1'])
			reference.delete_adapters(['a1'])
		adapters = sorted({name for names in fast.get_list_adapters().values() for name in names})
		names, weights = _random_set(rng, adapters)
		_fast_switch(layers, fast, names, weights)
		_diffusers_switch(reference, names, weights)
		assert _layer_states(fast) == _layer_states(reference), f'step {step}: {names} {weights}'


def _counting_walks(monkeypatch: pytest.MonkeyPatch, roots: list[torch.nn.Module]) -> list[str]:
	"""Record every walk that starts at one of `roots` (a component: all its modules)."""
	walked: list[str] = []
	original = torch.nn.Module.named_modules

	def counting(
		self: torch.nn.Module, memo: set[torch.nn.Module] | None = None, prefix: str = '', remove_duplicate: bool = True
	) -> Walk:
		if any(self is root for root in roots):
			walked.append(type(self).__name__)
		return cast(Walk, original(self, memo, prefix, remove_duplicate))

	monkeypatch.setattr(torch.nn.Module, 'named_modules', counting)
	return walked


def test_a_set_change_walks_no_component(lora_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
	model = tiny_model(Family.SD1)
	pipeline = model.pipeline
	specs = [lora_spec(lora_dir, name) for name in FILES]
	applier = LoraApplier(LoraStateCache())
	applier.apply(model, specs)  # every adapter loaded and the layers collected once
	walked = _counting_walks(monkeypatch, [pipeline.unet, pipeline.text_encoder])
	for chosen in (specs[1:], specs[:1], [], specs[::2], [lora_spec(lora_dir, 'sd1_peft', 0.4, te_weight=0.2)]):
		applier.apply(model, chosen)
	assert walked == [], 'a set change among resident adapters touches the LoRA layers only'
	names = pipeline.get_list_adapters()['unet']
	pipeline.set_adapters(names[:2], [0.5, 0.7])
	assert walked == ['UNet2DConditionModel', 'CLIPTextModel'], 'the counter sees a whole-model walk'
