"""Loaded pipelines kept in RAM up to a budget, one on the device: switching back to a cached model is fast.

Callers hold the GPU lock; the cache itself adds no locking.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

import torch

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import LoadedModel, release_memory
from localai_ui.schemas.models import ModelInfo

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
CacheKey = tuple[object, ...]


def model_bytes(loaded: LoadedModel) -> int:
	"""The bytes of every weight the pipeline holds (UNet, VAE, text encoders)."""
	modules = [part for part in loaded.pipeline.components.values() if isinstance(part, torch.nn.Module)]
	return sum(tensor.numel() * tensor.element_size() for module in modules for tensor in module.parameters())


class ModelCache:
	"""The active model sits on the device; others wait in RAM (on the CPU) until the budget pushes them out."""

	def __init__(self, plan: DevicePlan, loader: Loader, budget_bytes: int) -> None:
		self._plan = plan
		self._loader = loader
		self.budget_bytes = budget_bytes
		self._entries: OrderedDict[CacheKey, LoadedModel] = OrderedDict()
		self._active: CacheKey | None = None

	@property
	def active(self) -> LoadedModel | None:
		return self._entries.get(self._active) if self._active is not None else None

	@property
	def cached(self) -> list[ModelInfo]:
		"""Every model in memory, the least recently used first."""
		return [entry.info for entry in self._entries.values()]

	def holds(self, info: ModelInfo) -> bool:
		"""Whether `info` is the model on the device now (a job for it starts without loading)."""
		return self._active == info.load_key and info.load_key in self._entries

	def get(self, info: ModelInfo) -> LoadedModel:
		"""The model on the device: from the cache when there, else loaded (after making room)."""
		key: CacheKey = info.load_key
		found = self._entries.get(key)
		if found is not None and key == self._active:
			return self._current(key, info)
		self._park_active()
		if found is None:
			self._evict(keep=None)
			found = self._loader(info, self._plan)
		elif self._plan.device.type != 'cpu':
			found.pipeline.to(self._plan.device)
		self._entries[key] = found
		self._active = key
		self._evict(keep=key)
		return self._current(key, info)

	def drop(self, info: ModelInfo | None = None) -> None:
		"""Forget one model (or all, with None) and give the memory back."""
		keys = list(self._entries) if info is None else [info.load_key]
		for key in keys:
			self._entries.pop(key, None)
			if key == self._active:
				self._active = None
		release_memory(self._plan.device)

	def _current(self, key: CacheKey, info: ModelInfo) -> LoadedModel:
		"""The entry with the caller's info (a rename or a new hash must show), most recently used."""
		entry = self._entries[key]
		if entry.info != info:
			entry = replace(entry, info=info)
			self._entries[key] = entry
		self._entries.move_to_end(key)
		return entry

	def _park_active(self) -> None:
		active = self.active
		if active is not None and self._plan.device.type != 'cpu':
			active.pipeline.to(torch.device('cpu'))
		self._active = None

	def _evict(self, keep: CacheKey | None) -> None:
		"""Drop the least recently used models until the ones left (besides `keep`) fit the budget."""
		others = [key for key in self._entries if key != keep]
		used = sum(model_bytes(self._entries[key]) for key in others)
		evicted = False
		for key in others:
			if used <= self.budget_bytes:
				break
			used -= model_bytes(self._entries.pop(key))
			evicted = True
		if evicted:
			release_memory(self._plan.device)
