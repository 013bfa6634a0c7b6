"""Adapters kept loaded on a pipeline between runs, least recently used first, within a byte budget: switching a
LoRA set is then enabling, disabling and weighting adapters, not loading them again."""

from collections import OrderedDict
from collections.abc import Collection
from weakref import WeakKeyDictionary

from localai_ui.cores.loading.loader import LoadedPipeline


class ResidentAdapters:
	"""Per pipeline: each loaded adapter's size in bytes, in order of last use."""

	def __init__(self, budget_bytes: int) -> None:
		self.budget_bytes = budget_bytes
		self._sizes: WeakKeyDictionary[LoadedPipeline, OrderedDict[str, int]] = WeakKeyDictionary()

	def on(self, pipeline: LoadedPipeline, loaded: Collection[str]) -> OrderedDict[str, int]:
		"""The adapters resident on `pipeline`, forgetting any that were unloaded behind our back."""
		sizes = self._sizes.setdefault(pipeline, OrderedDict())
		for gone in [adapter for adapter in sizes if adapter not in loaded]:
			del sizes[gone]
		return sizes

	def used(self, pipeline: LoadedPipeline, adapter: str, size: int | None = None) -> None:
		"""Mark `adapter` as just used (with its size when it was just loaded; one loaded elsewhere counts 0)."""
		sizes = self._sizes.setdefault(pipeline, OrderedDict())
		if size is not None or adapter not in sizes:
			sizes[adapter] = size or 0
		sizes.move_to_end(adapter)

	def over_budget(self, pipeline: LoadedPipeline, keep: Collection[str]) -> list[str]:
		"""Least recently used adapters, not in `keep`, to drop so the rest fits the budget (dropped from the book)."""
		sizes = self._sizes.get(pipeline)
		if sizes is None:
			return []
		total = sum(sizes.values())
		dropped: list[str] = []
		for adapter in [name for name in sizes if name not in keep]:
			if total <= self.budget_bytes:
				break
			total -= sizes.pop(adapter)
			dropped.append(adapter)
		return dropped

	def forget(self, pipeline: LoadedPipeline) -> None:
		self._sizes.pop(pipeline, None)
