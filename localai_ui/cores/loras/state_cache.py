"""LoRA state dicts kept in memory under a byte budget, so changing the LoRA set does not re-read files each run."""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import torch
from safetensors import SafetensorError
from safetensors.torch import load

from localai_ui.schemas.loras import LoraFileError

StateDict = dict[str, torch.Tensor]
Reader = Callable[[Path], StateDict]
DEFAULT_BUDGET_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class FileKey:
	"""A file as it is now: a changed size or modification time makes it another key (and another adapter)."""

	path: Path
	size: int
	mtime_ns: int

	@classmethod
	def of(cls, path: Path) -> Self:
		try:
			stat = path.stat()
		except OSError as error:
			raise LoraFileError(f'{path.name}: cannot read the LoRA file: {error.strerror or error}') from error
		return cls(path.resolve(), stat.st_size, stat.st_mtime_ns)

	@property
	def adapter_name(self) -> str:
		"""A peft adapter name (no dots) that stands for this version of this file."""
		text = f'{self.path}\0{self.size}\0{self.mtime_ns}'
		return 'lora_' + hashlib.sha256(text.encode()).hexdigest()[:16]


def read_state_dict(path: Path) -> StateDict:
	"""All tensors of a safetensors file on the CPU; LoraFileError names the file when it cannot be read."""
	try:
		return load(path.read_bytes())
	except (OSError, SafetensorError) as error:
		raise LoraFileError(f'{path.name}: cannot read the LoRA tensors: {error}') from error


def state_bytes(state: StateDict) -> int:
	return sum(tensor.numel() * tensor.element_size() for tensor in state.values())


class LoraStateCache:
	"""Least recently used state dicts, at most `budget_bytes` in all; a file larger than the budget is not kept."""

	def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES, reader: Reader = read_state_dict) -> None:
		self.budget_bytes = budget_bytes
		self._reader = reader
		self._lock = threading.Lock()
		self._entries: OrderedDict[FileKey, tuple[StateDict, int]] = OrderedDict()

	@property
	def bytes_used(self) -> int:
		with self._lock:
			return sum(size for _, size in self._entries.values())

	def keys(self) -> list[FileKey]:
		"""Cached files, least recently used first."""
		with self._lock:
			return list(self._entries)

	def get(self, key: FileKey) -> StateDict:
		"""The tensors of `key`, read from disk only when not cached; the dict is the caller's to change."""
		with self._lock:
			cached = self._entries.get(key)
			if cached is not None:
				self._entries.move_to_end(key)
				return dict(cached[0])
			state = self._reader(key.path)
			self._store(key, state)
			return dict(state)

	def clear(self) -> None:
		with self._lock:
			self._entries.clear()

	def _store(self, key: FileKey, state: StateDict) -> None:
		for stale in [old for old in self._entries if old.path == key.path]:
			del self._entries[stale]
		size = state_bytes(state)
		if size > self.budget_bytes:
			return
		self._entries[key] = (state, size)
		used = sum(entry_size for _, entry_size in self._entries.values())
		while used > self.budget_bytes:
			_, (_, evicted) = self._entries.popitem(last=False)
			used -= evicted
