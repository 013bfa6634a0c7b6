"""How an image was made, as read from its metadata by whichever tool wrote it."""

from dataclasses import dataclass, field
from enum import StrEnum


class MetadataSource(StrEnum):
	LOCALAI = 'LocalAI UI'
	A1111 = 'A1111'
	FORGE = 'Forge'
	COMFYUI = 'ComfyUI'
	INVOKEAI = 'InvokeAI'
	FOOOCUS = 'Fooocus'
	NOVELAI = 'NovelAI'
	UNKNOWN = 'unknown'
	NONE = 'none'


@dataclass(frozen=True)
class GenerationSettings:
	"""Settings that map onto the Generate tab; None means the source did not say (leave the control alone)."""

	prompt: str = ''
	negative_prompt: str = ''
	model: str | None = None
	sampler: str | None = None
	schedule: str | None = None
	steps: int | None = None
	cfg_scale: float | None = None
	width: int | None = None
	height: int | None = None
	seed: int | None = None
	batch_count: int | None = None
	batch_size: int | None = None
	styles: tuple[str, ...] | None = None
	clip_skip: int | None = None
	enable_hires: bool | None = None
	hires_scale: float | None = None
	hires_steps: int | None = None
	hires_denoising_strength: float | None = None
	hires_upscaler: str | None = None
	hires_resize_width: int | None = None
	hires_resize_height: int | None = None
	hires_sampler: str | None = None
	hires_prompt: str | None = None
	hires_negative_prompt: str | None = None
	denoising_strength: float | None = None
	resize_mode: str | None = None
	mask_blur: int | None = None
	masked_content: str | None = None
	inpaint_area: str | None = None
	inpaint_padding: int | None = None
	invert_mask: bool | None = None
	mode: str | None = None
	init_image: str | None = None
	mask_image: str | None = None


@dataclass(frozen=True)
class PngInfo:
	"""One file's metadata: who wrote it, the prompts, the parameters in A1111's names, the raw text it carried.

	settings is None when nothing maps onto our Generate tab; notes say what was skipped or looked wrong.
	"""

	source: MetadataSource
	prompt: str = ''
	negative_prompt: str = ''
	params: tuple[tuple[str, str], ...] = ()
	raw: tuple[tuple[str, str], ...] = ()
	settings: GenerationSettings | None = None
	notes: tuple[str, ...] = field(default=())
