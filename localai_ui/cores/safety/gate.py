"""The checker as the pipeline worker uses it: loaded the first time a run with the setting on asks, then kept."""

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from PIL import Image

from localai_ui.cores.safety.checker import SafetyChecker
from localai_ui.cores.safety.loader import load_checker

CheckerLoader = Callable[[Path], SafetyChecker]


class SafetyGate:
	"""Holds the checker for one folder; with the setting off nothing calls `flags`, so nothing is ever loaded."""

	def __init__(self, folder: Path, loader: CheckerLoader = load_checker) -> None:
		self.folder = folder
		self._loader = loader
		self._checker: SafetyChecker | None = None
		self._device: torch.device | None = None
		self._lock = threading.Lock()

	@property
	def loaded(self) -> bool:
		return self._checker is not None

	def flags(self, images: Sequence[Image.Image], device: torch.device) -> list[bool]:
		"""Whether each image is flagged, checked on `device` (half precision on a GPU)."""
		with self._lock:
			checker = self._checker or self._loader(self.folder)
			self._checker = checker
			if self._device != device:
				checker.to(device, torch.float16 if device.type == 'cuda' else torch.float32)
				self._device = device
			return checker.flags(images)

	def drop(self) -> None:
		"""Free the checker (a folder with new files is read again at the next check)."""
		with self._lock:
			self._checker, self._device = None, None
