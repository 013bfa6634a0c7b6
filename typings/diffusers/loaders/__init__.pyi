# Typed surface of diffusers' LoRA loader mixins (peft backend) as this project calls them.
from collections.abc import Mapping
from os import PathLike

import torch

AdapterWeights = float | Mapping[str, float] | list[float] | list[float | dict[str, float]] | None

class LoraBaseMixin:
	def set_adapters(self, adapter_names: list[str] | str, adapter_weights: AdapterWeights = None) -> None: ...
	def delete_adapters(self, adapter_names: list[str] | str) -> None: ...
	def get_active_adapters(self) -> list[str]: ...
	def get_list_adapters(self) -> dict[str, list[str]]: ...
	def unload_lora_weights(self) -> None: ...
	def enable_lora(self) -> None: ...
	def disable_lora(self) -> None: ...

class StableDiffusionLoraLoaderMixin(LoraBaseMixin):
	def load_lora_weights(
		self,
		pretrained_model_name_or_path_or_dict: str | PathLike[str] | dict[str, torch.Tensor],
		adapter_name: str | None = None,
		hotswap: bool = False,
		**kwargs: object,
	) -> None: ...

class StableDiffusionXLLoraLoaderMixin(LoraBaseMixin):
	def load_lora_weights(
		self,
		pretrained_model_name_or_path_or_dict: str | PathLike[str] | dict[str, torch.Tensor],
		adapter_name: str | None = None,
		hotswap: bool = False,
		**kwargs: object,
	) -> None: ...
