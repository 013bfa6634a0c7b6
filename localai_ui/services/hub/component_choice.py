"""Which files of one diffusers component folder a pipeline loads, and why every other file is left out."""

from collections.abc import Sequence
from dataclasses import dataclass

from localai_ui.schemas.hub import HubFile, HubVariant, PlannedFile, SkippedFile
from localai_ui.services.hub.weight_names import NamedFile, name_kind, plain_name

SKIP_PICKLE = 'pickle format (.bin, .ckpt, .pt, .pth): can run code when loaded'
SKIP_FOREIGN = 'weights for another framework (Flax, ONNX, OpenVINO, TensorFlow, GGUF)'
SKIP_EMA = 'EMA / non-EMA training copy'
SKIP_FULL = 'full-precision copy (the fp16 variant was chosen)'
SKIP_FP16 = 'fp16 variant (full precision was chosen)'
SKIP_VARIANT = 'another weights variant'
SKIP_UNUSED = 'not needed by the pipeline'
_FULL_PRECISION = (None, 'fp32')


@dataclass(frozen=True)
class ComponentChoice:
	"""The chosen files (configs, then weights) and the rest; `weightless` says what the weights exist as when no
	.safetensors could be chosen ('pickle', 'foreign'), None when it is fine."""

	files: tuple[PlannedFile, ...]
	skipped: tuple[SkippedFile, ...]
	weightless: str | None


def choose_component_files(files: Sequence[HubFile], variant: HubVariant | None) -> ComponentChoice:
	"""Configs, plus one set of .safetensors weights: the fp16 variant when asked (else the plain one), no EMA."""
	named = [(file, name_kind(file.path.rsplit('/', 1)[-1])) for file in files]
	labels = {kind.variant for _, kind in named if kind.kind == 'weights' and not kind.ema}
	order: list[str | None] = ['fp16', None] if variant == 'fp16' else [None, 'fp16']
	order += sorted(label for label in labels if label is not None and label not in order)
	chosen_label = next((label for label in order if label in labels), None)
	configs: list[PlannedFile] = []
	weights: list[PlannedFile] = []
	skipped: list[SkippedFile] = []
	for file, kind in named:
		if kind.kind == 'config':
			configs.append(PlannedFile(file.path, file.path, file.size, file.sha256))
		elif labels and kind.kind in ('weights', 'index') and not kind.ema and kind.variant == chosen_label:
			folder, name = file.path.rsplit('/', 1)
			weights.append(PlannedFile(file.path, f'{folder}/{plain_name(name, kind)}', file.size, file.sha256))
		else:
			skipped.append(SkippedFile(file.path, _reason(kind, chosen_label)))
	kinds = {kind.kind for _, kind in named}
	weightless = None if weights else 'pickle' if 'pickle' in kinds else 'foreign' if 'foreign' in kinds else None
	return ComponentChoice(tuple(configs + weights), tuple(skipped), weightless)


def _reason(kind: NamedFile, chosen: str | None) -> str:
	if kind.kind == 'pickle':
		return SKIP_PICKLE
	if kind.kind == 'foreign':
		return SKIP_FOREIGN
	if kind.ema:
		return SKIP_EMA
	if kind.kind not in ('weights', 'index'):
		return SKIP_UNUSED
	if chosen == 'fp16' and kind.variant in _FULL_PRECISION:
		return SKIP_FULL
	return SKIP_FP16 if kind.variant == 'fp16' else SKIP_VARIANT
