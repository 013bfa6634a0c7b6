"""Loaded pipelines kept in RAM up to a budget, one on the device: switching back to a cached model is fast.
A model loaded in an offload mode (medium, low) lives in RAM and its hooks move it, so the cache leaves it be.

Callers hold the GPU lock; the cache itself adds no locking.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

import torch

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import LoadedModel, release_memory
from localai_ui.cores.loading.memory_savers import apply_vae_savers, is_offloaded
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.system import MemoryMode

Loader = Callable[[ModelInfo, DevicePlan], LoadedModel]
CacheKey = tuple[object, ...]
RunSize = tuple[int, int, int]


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

	def get(self, info: ModelInfo, shape: RunSize | None = None) -> LoadedModel:
		"""The model on the device: from the cache when there, else loaded (after making room). A model placed for
		another memory request (the setting changed) is loaded again; `shape` (width, height, batch size) switches
		the VAE savers for the coming run."""
		key: CacheKey = info.load_key
		found = self._entries.get(key)
		if found is not None and self._replanned(found):
			self._forget(key)
			found = None
		if found is None or key != self._active:
			self._park_active()
			if found is None:
				self._evict(keep=None)
				found = self._loader(info, self._plan)
			elif self._resident(found):
				found.pipeline.to(self._plan.device)
			self._entries[key] = found
			self._active = key
			self._evict(keep=key)
		entry = self._current(key, info)
		placement = self._plan.placement_of(entry.pipeline)
		if shape is not None and placement is not None:
			apply_vae_savers(
				entry.pipeline, self._plan.memory.run_plan(placement, info.family, self._plan.device, shape)
			)
		return entry

	def out_of_memory(self, info: ModelInfo, shape: RunSize) -> tuple[str, MemoryMode | None]:
		"""What to tell the user when a run of `info` at `shape` ran out of memory (the mode that would have fitted),
		and the lighter mode to offer them (None off CUDA or in low mode)."""
		entry = self._entries.get(info.load_key)
		placement = None if entry is None else self._plan.placement_of(entry.pipeline)
		memory, device = self._plan.memory, self._plan.device
		message = memory.out_of_memory(placement, info.family, device, shape)
		return message, memory.lighter_mode(placement, info.family, device, shape)

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
		if active is not None and self._resident(active):
			active.pipeline.to(torch.device('cpu'))
			release_memory(self._plan.device)  # the next placement measures the VRAM this model left
		self._active = None

	def _resident(self, loaded: LoadedModel) -> bool:
		"""Whether the model's weights stay on the (non-CPU) device while active, so the cache moves them itself."""
		placement = self._plan.placement_of(loaded.pipeline)
		return self._plan.device.type != 'cpu' and (placement is None or not is_offloaded(placement.plan))

	def _replanned(self, loaded: LoadedModel) -> bool:
		"""Whether the memory request changed on a CUDA device since the model was placed (CPU and MPS ignore it)."""
		placement = self._plan.placement_of(loaded.pipeline)
		changed = placement is not None and placement.request != self._plan.memory.request()
		return changed and self._plan.device.type == 'cuda'

	def _forget(self, key: CacheKey) -> None:
		self._entries.pop(key, None)
		if key == self._active:
			self._active = None
		release_memory(self._plan.device)

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
