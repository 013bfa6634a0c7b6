"""Refusing a LoRA made for another model family before anything is loaded into the pipeline."""

from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.loras.family_check import lora_label
from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraIncompatibleError, LoraSpec


def unet_cross_attention_dim(model: LoadedModel) -> int | None:
	value = model.pipeline.unet.config.get('cross_attention_dim')
	return value if isinstance(value, int) else None


def check_compatible(model: LoadedModel, spec: LoraSpec) -> None:
	"""Raise LoraIncompatibleError when the LoRA's declared family or its text width differs from the model's."""
	width = unet_cross_attention_dim(model)
	family_differs = spec.family is not Family.UNKNOWN and spec.family is not model.info.family
	width_differs = None not in (spec.cross_attention_dim, width) and spec.cross_attention_dim != width
	if not (family_differs or width_differs):
		return
	raise LoraIncompatibleError(
		f'LoRA "{spec.name}" is made for {lora_label(spec)} but the model "{model.info.name}" is '
		f'{model_label(model)}; pick a LoRA trained for this model family, or switch models'
	)


def model_label(model: LoadedModel) -> str:
	width = unet_cross_attention_dim(model)
	family = model.info.family.label
	return f'{family} (cross-attention width {width})' if width is not None else family
