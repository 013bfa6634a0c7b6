"""LoRA records shared by every layer: prompt tags, what a file holds, a resolved LoRA to apply, typed errors."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, Self

from localai_ui.schemas.errors import InvalidRequestError, LocalAIError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.models import ModelInfo


class LoraLayout(StrEnum):
	"""How the tensor names are spelled: kohya with diffusers block names, kohya with LDM/SGM names, diffusers/peft."""

	KOHYA = 'kohya'
	KOHYA_LDM = 'kohya-ldm'
	PEFT = 'peft'


class LoraBase(StrEnum):
	"""The model family a LoRA was trained on (values match `Architecture` for the families both know)."""

	SD1 = 'sd1'
	SD2 = 'sd2'
	SDXL = 'sdxl'
	UNKNOWN = 'unknown'

	@property
	def label(self) -> str:
		return _BASE_LABELS[self]


_BASE_LABELS = {LoraBase.SD1: 'SD1.x', LoraBase.SD2: 'SD2.x', LoraBase.SDXL: 'SDXL', LoraBase.UNKNOWN: 'unknown'}


@dataclass(frozen=True)
class LoraTag:
	"""One LoRA asked for by name: from the picker, or an A1111 `<lora:name:weight>` tag in the prompt.

	`weight` scales the UNet; `te_weight` scales the text encoders when a tag gave it separately (None: `weight`).
	"""

	name: str
	weight: float = 1.0
	te_weight: float | None = None


@dataclass(frozen=True)
class LoraFileInfo:
	"""What a LoRA file holds, read from its header alone; `cross_attention_dim` is None when no attn2 key says it."""

	name: str
	path: Path
	size: int
	layout: LoraLayout
	base: LoraBase
	cross_attention_dim: int | None
	rank: int | None
	trigger_words: tuple[str, ...]
	metadata: Mapping[str, str]
	sha256: str
	autov2: str
	addnet_hash: str
	text_encoder_keys: bool = False


@dataclass(frozen=True)
class LoraSpec:
	"""A LoRA resolved to a file and ready to apply, with what the compatibility check needs."""

	name: str
	path: Path
	weight: float
	addnet_hash: str
	base: LoraBase = LoraBase.UNKNOWN
	cross_attention_dim: int | None = None
	layout: LoraLayout = LoraLayout.PEFT
	te_weight: float | None = None

	@classmethod
	def from_file(cls, info: LoraFileInfo, tag: LoraTag) -> Self:
		"""The spec for applying `info` with the weights of `tag` (its name is the one shown in infotexts)."""
		return cls(
			name=tag.name,
			path=info.path,
			weight=tag.weight,
			addnet_hash=info.addnet_hash,
			base=info.base,
			cross_attention_dim=info.cross_attention_dim,
			layout=info.layout,
			te_weight=tag.te_weight,
		)


class LoraResolver(Protocol):
	"""Where the generate use case gets the LoRAs a request's prompts name, checked against the model before the run."""

	def resolve(self, request: GenerationRequest, model: ModelInfo) -> tuple[LoraSpec, ...]: ...


class LoraTagError(InvalidRequestError):
	"""A `<lora:...>` tag in the prompt cannot be read (bad weight, empty or path-like name)."""


class LoraFileError(LocalAIError):
	"""A LoRA file is malformed or not a safetensors LoRA; the message names the file and the reason."""


class LoraIncompatibleError(LocalAIError):
	"""A LoRA was trained for another architecture than the loaded model; the message names both."""


class LoraLoadError(LocalAIError):
	"""diffusers refused a LoRA (unknown modules, wrong shapes); the pipeline is left without it."""


def lora_hashes_infotext(specs: tuple[LoraSpec, ...]) -> str:
	"""A1111's `Lora hashes` value: `name: addnet hash` pairs joined by ', ' (the caller quotes it)."""
	return ', '.join(f'{spec.name}: {spec.addnet_hash}' for spec in specs)
