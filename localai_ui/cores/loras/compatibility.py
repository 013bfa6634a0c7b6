"""Refusing a LoRA made for another architecture before anything is loaded into the pipeline."""

from localai_ui.cores.pipeline.loader import LoadedModel
from localai_ui.schemas.loras import LoraBase, LoraIncompatibleError, LoraSpec
from localai_ui.schemas.models import ModelInfo


def unet_cross_attention_dim(model: LoadedModel) -> int | None:
	value = model.pipeline.unet.config.get('cross_attention_dim')
	return value if isinstance(value, int) else None


def check_compatible(model: LoadedModel, spec: LoraSpec) -> None:
	"""Raise LoraIncompatibleError when the LoRA's declared family or its text width differs from the model's."""
	width = unet_cross_attention_dim(model)
	family_differs = spec.base is not LoraBase.UNKNOWN and spec.base.value != model.info.architecture.value
	width_differs = None not in (spec.cross_attention_dim, width) and spec.cross_attention_dim != width
	if not (family_differs or width_differs):
		return
	raise LoraIncompatibleError(
		f'LoRA "{spec.name}" is made for {_lora_label(spec)} but the model "{model.info.name}" is '
		f'{model_label(model)}; pick a LoRA trained for this model family, or switch models'
	)


def check_architecture(info: ModelInfo, spec: LoraSpec) -> None:
	"""Before anything is loaded: refuse a LoRA whose family differs from the model's (widths are checked on apply)."""
	if spec.base is LoraBase.UNKNOWN or spec.base.value == info.architecture.value:
		return
	family = {base.value: base.label for base in LoraBase}.get(info.architecture.value, info.architecture.value)
	raise LoraIncompatibleError(
		f'LoRA "{spec.name}" is made for {_lora_label(spec)} but the model "{info.name}" is {family}; '
		'pick a LoRA trained for this model family, or switch models'
	)


def model_label(model: LoadedModel) -> str:
	value = model.info.architecture.value
	family = {base.value: base.label for base in LoraBase}.get(value, value)
	width = unet_cross_attention_dim(model)
	return f'{family} (cross-attention width {width})' if width is not None else family


def _lora_label(spec: LoraSpec) -> str:
	width = '' if spec.cross_attention_dim is None else f' (cross-attention width {spec.cross_attention_dim})'
	if spec.base is LoraBase.UNKNOWN:
		return f'an unknown model family{width}'
	return f'{spec.base.label}{width}'
