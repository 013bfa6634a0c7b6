"""Which architecture a single-file checkpoint holds, from its tensor names and shapes (A1111/LDM key layout)."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from localai_ui.schemas.assets import Family
from localai_ui.schemas.file_errors import UnsupportedModelError
from localai_ui.services.safetensors.header import TensorEntry

Variant = Literal['sd15', 'sd2', 'sd2-v', 'sdxl', 'sd15-inpaint', 'sd2-inpaint', 'sdxl-inpaint']
VARIANT_FAMILY: Mapping[Variant, Family] = {
	'sd15': Family.SD1,
	'sd2': Family.SD2,
	'sd2-v': Family.SD2,
	'sdxl': Family.SDXL,
	'sd15-inpaint': Family.SD1,
	'sd2-inpaint': Family.SD2,
	'sdxl-inpaint': Family.SDXL,
}
# SD2's only inpainting model (stable-diffusion-2-inpainting) predicts epsilon: a 'v' sidecar still maps to it.
INPAINT_VARIANT: Mapping[Variant, Variant] = {
	'sd15': 'sd15-inpaint',
	'sd2': 'sd2-inpaint',
	'sd2-v': 'sd2-inpaint',
	'sdxl': 'sdxl-inpaint',
}
INPAINT_VARIANTS = frozenset(INPAINT_VARIANT.values())
CONTEXT_WIDTH: Mapping[Variant, int] = {
	'sd15': 768,
	'sd2': 1024,
	'sd2-v': 1024,
	'sdxl': 2048,
	'sd15-inpaint': 768,
	'sd2-inpaint': 1024,
	'sdxl-inpaint': 2048,
}
UNET = 'model.diffusion_model.'
LATENT_CHANNELS = 4
INPAINT_CHANNELS = 9  # noisy latents (4) + mask (1) + masked image latents (4)
_FOREIGN = (
	(('model.diffusion_model.joint_blocks.', 'joint_blocks.'), 'Stable Diffusion 3 is not supported yet'),
	(('model.diffusion_model.double_blocks.', 'double_blocks.'), 'Flux is not supported yet'),
	(('control_model.',), 'a ControlNet, not a checkpoint'),
	(('lora_unet_', 'lora_te', 'lora_te1_'), 'a LoRA, not a checkpoint: put it in the LoRA folder'),
	(('string_to_param', 'emb_params', 'clip_l', 'clip_g'), 'a textual-inversion embedding, not a checkpoint'),
	(('encoder.down.', 'decoder.up.', 'first_stage_model.'), 'a VAE on its own: put it in the VAE folder'),
)
_IN_CHANNELS = {8: 'an instruct-pix2pix model (8 input channels)'}


@dataclass(frozen=True)
class Detection:
	family: Family
	variant: Variant

	@property
	def inpainting(self) -> bool:
		"""A dedicated inpainting model: its UNet also takes the mask and the masked image's latents."""
		return self.variant in INPAINT_VARIANTS


def with_inpainting(variant: Variant, inpainting: bool) -> Variant:
	"""`variant`'s inpainting twin when the file's UNet has 9 input channels (a YAML sidecar names only the base)."""
	return INPAINT_VARIANT.get(variant, variant) if inpainting else variant


def detect(path: Path, tensors: Mapping[str, TensorEntry], *, sd2_variant: Variant = 'sd2-v') -> Detection:
	"""The architecture and bundled config variant; UnsupportedModelError says what the file is instead.

	SD2's 512 epsilon and 768 v-prediction models have the same tensors: `sd2_variant` (from a sidecar or the
	file's metadata) decides, v-prediction by default as in SD 2.1.
	"""
	variant = _variant(path, tensors, sd2_variant)
	width = _context_width(tensors)
	if width is not None and width != CONTEXT_WIDTH[variant]:
		raise UnsupportedModelError(
			f'{path.name}: looks like {variant} but its cross-attention width is {width}, not '
			f'{CONTEXT_WIDTH[variant]}: unknown architecture (add a `{path.stem}.diffusers` config folder beside it)'
		)
	return Detection(VARIANT_FAMILY[variant], variant)


def detect_layout(path: Path, tensors: Mapping[str, TensorEntry], *, sd2_variant: Variant = 'sd2-v') -> Detection:
	"""Like `detect`, without the shape check: for files whose sidecar brings its own configs."""
	variant = _variant(path, tensors, sd2_variant)
	return Detection(VARIANT_FAMILY[variant], variant)


def _has(tensors: Mapping[str, TensorEntry], prefix: str) -> bool:
	return any(name.startswith(prefix) for name in tensors)


def _variant(path: Path, tensors: Mapping[str, TensorEntry], sd2_variant: Variant) -> Variant:
	foreign = _FOREIGN if not _has(tensors, UNET) else _FOREIGN[:2]
	reason = next((text for prefixes, text in foreign if any(_has(tensors, prefix) for prefix in prefixes)), None)
	if reason is not None or not _has(tensors, UNET):
		unknown = 'no Stable Diffusion UNet (model.diffusion_model.*) in it: unknown architecture'
		raise UnsupportedModelError(f'{path.name}: {reason or unknown}')
	first = tensors.get(UNET + 'input_blocks.0.0.weight')
	channels = first.shape[1] if first is not None and len(first.shape) == 4 else None
	if channels not in (LATENT_CHANNELS, INPAINT_CHANNELS):
		kind = _IN_CHANNELS.get(channels or 0, f'a variant with {channels} input channels (an upscaler?)')
		raise UnsupportedModelError(f'{path.name}: {kind} is not supported yet')
	return with_inpainting(_base_variant(path, tensors, sd2_variant), channels == INPAINT_CHANNELS)


def _base_variant(path: Path, tensors: Mapping[str, TensorEntry], sd2_variant: Variant) -> Variant:
	"""The text-to-image architecture, from the text encoders."""
	if _has(tensors, 'conditioner.embedders.1.model.'):
		return 'sdxl'
	if _has(tensors, 'conditioner.embedders.0.model.'):
		raise UnsupportedModelError(f'{path.name}: an SDXL refiner is not supported yet (use an SDXL base model)')
	if _has(tensors, 'cond_stage_model.model.'):
		return sd2_variant if sd2_variant in ('sd2', 'sd2-v') else 'sd2-v'
	if _has(tensors, 'cond_stage_model.transformer.'):
		return 'sd15'
	raise UnsupportedModelError(f'{path.name}: no text encoder this app knows (SD1, SD2 or SDXL): unknown architecture')


def _context_width(tensors: Mapping[str, TensorEntry]) -> int | None:
	for name, entry in tensors.items():
		if name.startswith(UNET) and name.endswith('attn2.to_k.weight') and len(entry.shape) == 2:
			return entry.shape[1]
	return None
