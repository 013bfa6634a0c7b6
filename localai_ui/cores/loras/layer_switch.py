"""Switching the active LoRA set on the LoRA layers alone. diffusers' `set_adapters` and `enable_lora` walk every
module of the UNet and text encoders on each call (5,000 on SD1.5, for 232 LoRA layers); here the layers are collected
once per set of loaded adapters and given, layer by layer, the state those calls give them."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import torch
from diffusers import ModelMixin
from peft.tuners.lora.layer import LoraLayer
from peft.tuners.tuners_utils import BaseTunerLayer
from transformers import PreTrainedModel

from localai_ui.cores.loading.pipeline_types import LoadedPipeline

ComponentWeights = float | Mapping[str, float]


@dataclass(frozen=True)
class ComponentLayers:
	"""One pipeline component ('unet', 'text_encoder', ...): the adapters it holds and its LoRA layers; `config` is
	its peft config dict, made anew when all adapters were unloaded (and the layers with it)."""

	name: str
	module: torch.nn.Module
	config: object
	adapters: tuple[str, ...]
	layers: tuple[LoraLayer, ...]


class LoraLayers:
	"""Per pipeline: its LoRA layers by component, collected again when the loaded adapters or the components change.

	`activate` and `disable` answer False, touching nothing, when a layer or component is not what this path mirrors
	(not a peft LoRA layer, not a diffusers or transformers model): the caller then goes through diffusers.
	"""

	def __init__(self) -> None:
		self._found: WeakKeyDictionary[LoadedPipeline, tuple[ComponentLayers, ...]] = WeakKeyDictionary()

	def of(self, pipeline: LoadedPipeline) -> tuple[ComponentLayers, ...] | None:
		"""The pipeline's LoRA layers by component, walking the model only when they changed; None: use diffusers."""
		listed = pipeline.get_list_adapters()
		found = self._found.get(pipeline)
		if found is not None and _still_current(pipeline, found, listed):
			return found
		found = _collect(pipeline, listed)
		if found is None:
			self._found.pop(pipeline, None)
		else:
			self._found[pipeline] = found
		return found

	def forget(self, pipeline: LoadedPipeline) -> None:
		"""Drop the collected layers (adapters were loaded or deleted); the next switch collects them again."""
		self._found.pop(pipeline, None)

	def activate(self, pipeline: LoadedPipeline, names: Sequence[str], weights: Sequence[ComponentWeights]) -> bool:
		"""What `set_adapters(names, weights)` then `enable_lora()` do: every LoRA layer of every component gets
		`names` active, each adapter's scale for that component (1.0 when a per-component weight leaves it out) and its
		adapters enabled. An adapter a layer does not hold is left out of its scaling, as peft's `set_scale` does."""
		found = self.of(pipeline)
		if found is None:
			return False
		active = list(names)
		for component in found:
			scales = [_component_weight(weight, component.name) for weight in weights]
			for layer in component.layers:
				layer.set_adapter(active)
				for name, scale in zip(active, scales, strict=True):
					layer.set_scale(name, scale)
				if layer.disable_adapters:
					layer.enable_adapters(True)
		return True

	def disable(self, pipeline: LoadedPipeline) -> bool:
		"""What `disable_lora()` does: every LoRA layer runs its base layer alone (the active set is kept)."""
		found = self.of(pipeline)
		if found is None:
			return False
		for component in found:
			for layer in component.layers:
				layer.enable_adapters(False)
		return True


def _component_weight(weight: ComponentWeights, component: str) -> float:
	"""diffusers' split of one adapter's weight: a number for every component, or a component's own (else 1.0)."""
	if isinstance(weight, Mapping):
		return weight.get(component, 1.0)
	return weight


def _still_current(
	pipeline: LoadedPipeline, found: tuple[ComponentLayers, ...], listed: Mapping[str, Sequence[str]]
) -> bool:
	return len(found) == len(listed) and all(
		tuple(listed.get(component.name, ())) == component.adapters
		and getattr(pipeline, component.name, None) is component.module
		and _peft_config(component.module) is component.config
		for component in found
	)


def _collect(pipeline: LoadedPipeline, listed: Mapping[str, Sequence[str]]) -> tuple[ComponentLayers, ...] | None:
	"""One walk of each component holding adapters; None when one is not a model diffusers switches this way or
	holds a tuner layer that is not a LoRA layer."""
	found: list[ComponentLayers] = []
	for name, adapters in listed.items():
		module = getattr(pipeline, name, None)
		if not isinstance(module, ModelMixin | PreTrainedModel):
			return None
		tuners = [layer for layer in module.modules() if isinstance(layer, BaseTunerLayer)]
		layers = tuple(layer for layer in tuners if isinstance(layer, LoraLayer))
		if len(layers) != len(tuners):
			return None
		found.append(ComponentLayers(name, module, _peft_config(module), tuple(adapters), layers))
	return tuple(found)


def _peft_config(module: torch.nn.Module) -> object:
	config: object = getattr(module, 'peft_config', None)
	return config
