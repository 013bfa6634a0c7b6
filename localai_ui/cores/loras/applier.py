"""Making exactly one LoRA set active on a loaded pipeline, and removing LoRAs without a trace.

Never fuses: `unfuse_lora` does not give the weights back bit for bit (about 3e-8 off), while unfused adapters
removed with `delete_adapters` or `unload_lora_weights` do. With no LoRA wanted, every adapter is unloaded, so the
modules are the plain ones again. A failure unloads every adapter: the pipeline is never left half-changed.
"""

from collections.abc import Mapping, Sequence
from weakref import WeakKeyDictionary

from diffusers import StableDiffusionXLPipeline

from localai_ui.cores.loading.loader import LoadedModel, TextToImagePipeline
from localai_ui.cores.loras.compatibility import check_compatible
from localai_ui.cores.loras.state_cache import FileKey, LoraStateCache
from localai_ui.schemas.loras import LoraLayout, LoraLoadError, LoraSpec

_ERROR_CHARS = 300
ComponentWeights = float | dict[str, float]


class LoraApplier:
	"""Loads LoRAs from a byte-budgeted cache into pipelines as peft adapters and sets their weights."""

	def __init__(self, cache: LoraStateCache) -> None:
		self.cache = cache
		self._active: WeakKeyDictionary[TextToImagePipeline, dict[str, LoraSpec]] = WeakKeyDictionary()

	def apply(self, model: LoadedModel, specs: Sequence[LoraSpec]) -> None:
		"""Make `specs` the active set on `model` (an empty list removes all); the same file twice: the later wins.

		Raises LoraIncompatibleError or LoraFileError before touching the pipeline, LoraLoadError when diffusers
		refuses a file (then no adapter is left loaded).
		"""
		for spec in specs:
			check_compatible(model, spec)
		wanted = {FileKey.of(spec.path): spec for spec in specs}
		pipeline = model.pipeline
		try:
			self._switch(model, {key.adapter_name: (key, spec) for key, spec in wanted.items()})
		except BaseException:
			self._unload_all(pipeline)
			raise
		self._active[pipeline] = {key.adapter_name: spec for key, spec in wanted.items()}

	def active(self, model: LoadedModel) -> dict[str, float]:
		"""The LoRAs the applier made active on `model`'s pipeline, by name, with their UNet weights."""
		loaded = set(_adapters_by_component(model.pipeline))
		chosen = self._active.get(model.pipeline, {})
		return {spec.name: spec.weight for adapter, spec in chosen.items() if adapter in loaded}

	def _switch(self, model: LoadedModel, wanted: Mapping[str, tuple[FileKey, LoraSpec]]) -> None:
		pipeline = model.pipeline
		loaded = set(_adapters_by_component(pipeline))
		if not loaded & set(wanted):
			self._unload_all(pipeline)
		elif stale := sorted(loaded - set(wanted)):
			pipeline.delete_adapters(stale)
		for adapter, (key, spec) in wanted.items():
			if adapter not in loaded:
				self._load(model, adapter, key, spec)
		if wanted:
			parts = _adapters_by_component(pipeline)
			weights = [_weights(spec, parts.get(adapter, ())) for adapter, (_, spec) in wanted.items()]
			pipeline.set_adapters(list(wanted), weights)

	def _load(self, model: LoadedModel, adapter: str, key: FileKey, spec: LoraSpec) -> None:
		pipeline = model.pipeline
		state = self.cache.get(key)
		try:
			if spec.layout is LoraLayout.KOHYA_LDM and not isinstance(pipeline, StableDiffusionXLPipeline):
				# the SDXL pipeline passes its UNet config itself; SD1 needs it to map LDM block names
				pipeline.load_lora_weights(state, adapter_name=adapter, unet_config=pipeline.unet.config)
			else:
				pipeline.load_lora_weights(state, adapter_name=adapter)
		except (ValueError, RuntimeError, KeyError) as error:
			reason = ' '.join(str(error).split())[:_ERROR_CHARS]
			raise LoraLoadError(
				f'LoRA "{spec.name}" ({spec.path.name}) does not fit the model "{model.info.name}": {reason}'
			) from error

	def _unload_all(self, pipeline: TextToImagePipeline) -> None:
		if _adapters_by_component(pipeline):
			pipeline.unload_lora_weights()
		self._active.pop(pipeline, None)


def _adapters_by_component(pipeline: TextToImagePipeline) -> dict[str, tuple[str, ...]]:
	"""Each loaded adapter with the components ('unet', 'text_encoder', ...) it has weights in."""
	parts: dict[str, list[str]] = {}
	for component, adapters in pipeline.get_list_adapters().items():
		for adapter in adapters:
			parts.setdefault(adapter, []).append(component)
	return {adapter: tuple(components) for adapter, components in parts.items()}


def _weights(spec: LoraSpec, components: Sequence[str]) -> ComponentWeights:
	"""One weight for every component, or the UNet's and the text encoders' apart when a tag gave two."""
	if spec.te_weight is None:
		return spec.weight
	return {part: spec.weight if part == 'unet' else spec.te_weight for part in components}
