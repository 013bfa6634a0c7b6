"""A LoRA's model family checked before anything is loaded (read without torch, as a run is resolved)."""

from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraIncompatibleError, LoraSpec
from localai_ui.schemas.models import ModelInfo


def check_family(info: ModelInfo, spec: LoraSpec) -> None:
	"""Before anything is loaded: refuse a LoRA whose family differs from the model's (widths are checked on apply)."""
	if spec.family is Family.UNKNOWN or spec.family is info.family:
		return
	raise LoraIncompatibleError(
		f'LoRA "{spec.name}" is made for {lora_label(spec)} but the model "{info.name}" is {info.family.label}; '
		'pick a LoRA trained for this model family, or switch models'
	)


def lora_label(spec: LoraSpec) -> str:
	width = '' if spec.cross_attention_dim is None else f' (cross-attention width {spec.cross_attention_dim})'
	family = 'an unknown model family' if spec.family is Family.UNKNOWN else spec.family.label
	return f'{family}{width}'
