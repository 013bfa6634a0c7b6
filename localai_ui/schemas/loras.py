"""LoRA records shared by every layer: prompt tags, what a file holds, a resolved LoRA to apply, typed errors."""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError, LocalAIError


class LoraLayout(StrEnum):
	"""How the tensor names are spelled: kohya with diffusers block names, kohya with LDM/SGM names, diffusers/peft."""

	KOHYA = 'kohya'
	KOHYA_LDM = 'kohya-ldm'
	PEFT = 'peft'


@dataclass(frozen=True)
class LoraTag:
	"""One LoRA asked for by name: from the picker, or an A1111 `<lora:name:weight>` tag in the prompt.

	`weight` scales the UNet; `te_weight` scales the text encoders when a tag gave it separately (None: `weight`).
	"""

	name: str
	weight: float = 1.0
	te_weight: float | None = None


class LoraDetails(BaseModel):
	"""What a LoRA file holds, read from its header alone; `cross_attention_dim` is None when no attn2 key says it."""

	model_config = ConfigDict(frozen=True)

	layout: LoraLayout
	cross_attention_dim: int | None = None
	rank: int | None = None
	trigger_words: tuple[str, ...] = ()
	text_encoder_keys: bool = False


@dataclass(frozen=True)
class LoraSpec:
	"""A LoRA resolved to a file and ready to apply, with what the compatibility check needs."""

	name: str
	path: Path
	weight: float
	addnet_hash: str
	family: Family = Family.UNKNOWN
	cross_attention_dim: int | None = None
	layout: LoraLayout = LoraLayout.PEFT
	te_weight: float | None = None


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
