"""What the tabs ask of the engine (the pipeline manager, the tokenizers, the device), typed without torch: the page
is built and served from these while torch and diffusers still load on another thread."""

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PIL.Image import Image

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GenerationEvent, GenerationJob, Started, Waiting
from localai_ui.schemas.prompts import EmbeddingInfo, TokenCount
from localai_ui.schemas.upscalers import Resampler, UpscalerDetails, UpscalerInfo

UpscaleChoice = UpscalerInfo | Resampler


class DeviceLine(Protocol):
	"""The one owner of the device: loads models and runs jobs one at a time, first come first served."""

	@property
	def busy(self) -> bool: ...

	@property
	def cached_models(self) -> list[ModelInfo]: ...

	def load(self, info: ModelInfo, cancel: CancelToken) -> bool: ...

	def generate(self, job: GenerationJob, cancel: CancelToken) -> Generator[GenerationEvent]: ...

	def upscale(
		self, choice: UpscaleChoice, image: Image, factor: float, cancel: CancelToken
	) -> Generator[Waiting | Started, None, Image | None]: ...

	def unload(self, info: ModelInfo | None = None) -> None: ...


class TokenCounting(Protocol):
	"""A1111's token counter for a model's tokenizer (no weights loaded)."""

	def count(self, text: str, model: ModelInfo, embeddings: Sequence[EmbeddingInfo] = ()) -> TokenCount: ...


@dataclass(frozen=True)
class DeviceFacts:
	"""The device the engine planned: its name and precision, what the machine offers, and why a stored device
	was not used (`note`, empty when it was)."""

	device: str
	dtype: str
	gpu_count: int
	mps_available: bool
	note: str = ''

	@property
	def label(self) -> str:
		return f'{self.device} {self.dtype}'


UpscalerReader = Callable[[Path], UpscalerDetails]  # what spandrel reads from an upscaler file
