"""One object the composition root hands out while the engine starts: each method waits for the engine's part."""

import threading
from collections.abc import Sequence
from pathlib import Path

from pydantic import JsonValue

from localai_ui.schemas.engine import DeviceFacts
from localai_ui.schemas.late import Late
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.prompts import EmbeddingInfo, TokenCount
from localai_ui.schemas.upscalers import UpscalerDetails
from localai_ui.services.system_info.facts import TorchFacts
from localai_ui.warming.line import LateLine
from localai_ui.warming.parts import EngineParts


class WarmingEngine:
	"""The engine's parts behind a wait; `late` is set by the thread that builds them."""

	def __init__(self, late: Late[EngineParts]) -> None:
		self.late = late
		self.line = LateLine(late)
		self.starting: threading.Thread | None = None  # the thread building the engine, once started

	def device(self) -> DeviceFacts:
		return self.late.get().device

	def count(self, text: str, model: ModelInfo, embeddings: Sequence[EmbeddingInfo] = ()) -> TokenCount:
		return self.late.get().tokens.count(text, model, embeddings)

	def torch_facts(self) -> TorchFacts:
		return self.late.get().torch_facts()

	def read_upscaler(self, path: Path) -> UpscalerDetails:
		return self.late.get().read_upscaler(path)

	def cuda_memory(self) -> dict[str, JsonValue]:
		return self.late.get().cuda_memory()

	def drop_safety_checker(self) -> None:
		"""Forget a loaded checker (new weights were downloaded); before the engine is up none is loaded."""
		parts = self.late.peek()
		if parts is not None:
			parts.drop_safety_checker()

	def close(self) -> None:
		parts = self.late.peek()
		if parts is not None:
			parts.close()
