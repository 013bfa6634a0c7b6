"""Typed records of prompt handling: parsed A1111 attention, token counts, textual inversion embeddings."""

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import LocalAIError

CHUNK_TOKENS = 75  # CLIP sees 77 positions: BOS, 75 prompt tokens, EOS


@dataclass(frozen=True)
class WeightedText:
	"""A stretch of prompt text and the attention multiplier A1111 syntax gave it."""

	text: str
	weight: float


@dataclass(frozen=True)
class ChunkBreak:
	"""`BREAK` in a prompt: the rest starts a new 75-token chunk."""


PromptPart = WeightedText | ChunkBreak


@dataclass(frozen=True)
class TokenCount:
	"""Tokens a prompt uses and the capacity of the chunks it fills (A1111 shows 'used/capacity', e.g. 80/150)."""

	used: int
	capacity: int

	@property
	def label(self) -> str:
		return f'{self.used}/{self.capacity}'


@dataclass(frozen=True)
class EmbeddingInfo:
	"""A textual inversion file usable by its name (the file name without .safetensors) in prompts."""

	name: str
	path: Path
	family: Family
	vectors: int
	dims: tuple[int, ...]


class EmbeddingDetails(BaseModel):
	"""What an embedding file holds: vectors per text encoder and each encoder's width (one entry for SD1)."""

	model_config = ConfigDict(frozen=True)

	vectors: int
	dims: tuple[int, ...]


class EmbeddingFileError(LocalAIError):
	"""An embedding file is unreadable or not a textual inversion; the message names the file."""


class ClipSkipError(LocalAIError):
	"""Clip skip asks for a layer the model's text encoder does not have."""
