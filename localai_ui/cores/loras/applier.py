"""Making exactly one LoRA set active on a loaded pipeline, with no trace of any other.

Adapters stay loaded (unfused) between runs, up to a byte budget, least recently used out: a set change is
`set_adapters` with the wanted names and weights, and no LoRA at all is `disable_lora`, under which every LoRA layer
runs its base layer alone, so the pixels are those of a never-touched pipeline, bit for bit (both are done on the
LoRA layers alone, see layer_switch.py; diffusers' own calls when that path does not apply). Never fuses:
`unfuse_lora` does not give the weights back exactly (about 3e-8 off). A failure unloads every adapter: the pipeline
is never left half-changed.
"""

from collections.abc import Mapping, Sequence
from weakref import WeakKeyDictionary

from localai_ui.cores.loading.loader import LoadedModel, LoadedPipeline
from localai_ui.cores.loading.pipeline_types import SDXL_PIPELINES
from localai_ui.cores.loras.compatibility import check_compatible
from localai_ui.cores.loras.layer_switch import LoraLayers
from localai_ui.cores.loras.quiet import quiet_library_output
from localai_ui.cores.loras.resident import ResidentAdapters
from localai_ui.cores.loras.state_cache import FileKey, LoraStateCache, state_bytes
from localai_ui.schemas.loras import LoraLayout, LoraLoadError, LoraSpec

_ERROR_CHARS = 300
ComponentWeights = float | dict[str, float]


class LoraApplier:
	"""Loads LoRAs from a byte-budgeted cache into pipelines as peft adapters, keeps them resident within
	`resident_bytes` (the cache's budget unless told), and switches sets by weighting them."""

	def __init__(self, cache: LoraStateCache, resident_bytes: int | None = None) -> None:
		self.cache = cache
		self.resident = ResidentAdapters(cache.budget_bytes if resident_bytes is None else resident_bytes)
		self._active: WeakKeyDictionary[LoadedPipeline, dict[str, LoraSpec]] = WeakKeyDictionary()
		self.layers = LoraLayers()

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
			with quiet_library_output():
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
		self.resident.on(pipeline, loaded)
		for adapter, (key, spec) in wanted.items():
			size = None if adapter in loaded else self._load(model, adapter, key, spec)
			self.resident.used(pipeline, adapter, size)
		if dropped := self.resident.over_budget(pipeline, keep=set(wanted)):
			self.layers.forget(pipeline)
			pipeline.delete_adapters(dropped)
		if not wanted:
			if loaded and not self.layers.disable(pipeline):
				pipeline.disable_lora()
			return
		parts = _adapters_by_component(pipeline)
		weights = [_weights(spec, parts.get(adapter, ())) for adapter, (_, spec) in wanted.items()]
		if not self.layers.activate(pipeline, list(wanted), weights):
			pipeline.set_adapters(list(wanted), weights)
			pipeline.enable_lora()

	def _load(self, model: LoadedModel, adapter: str, key: FileKey, spec: LoraSpec) -> int:
		"""Load one adapter; its size in bytes."""
		pipeline = model.pipeline
		state = self.cache.get(key)
		size = state_bytes(state)
		self.layers.forget(pipeline)
		try:
			if spec.layout is LoraLayout.KOHYA_LDM and not isinstance(pipeline, SDXL_PIPELINES):
				# the SDXL pipeline passes its UNet config itself; SD1 needs it to map LDM block names
				pipeline.load_lora_weights(state, adapter_name=adapter, unet_config=pipeline.unet.config)
			else:
				pipeline.load_lora_weights(state, adapter_name=adapter)
		except (ValueError, RuntimeError, KeyError) as error:
			reason = ' '.join(str(error).split())[:_ERROR_CHARS]
			raise LoraLoadError(
				f'LoRA "{spec.name}" ({spec.path.name}) does not fit the model "{model.info.name}": {reason}'
			) from error
		return size

	def release(self, model: LoadedModel) -> None:
		"""Unload every adapter from `model` (the plain modules again), as before a model leaves the device."""
		self._unload_all(model.pipeline)

	def _unload_all(self, pipeline: LoadedPipeline) -> None:
		if _adapters_by_component(pipeline):
			pipeline.unload_lora_weights()
		self._active.pop(pipeline, None)
		self.resident.forget(pipeline)
		self.layers.forget(pipeline)


def _adapters_by_component(pipeline: LoadedPipeline) -> dict[str, tuple[str, ...]]:
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
