"""What a file in a diffusers component folder is, from its name: config, safetensors weights (which variant,
which shard), a shard index, a pickle, or weights for another framework."""

import re
from dataclasses import dataclass
from typing import Literal

FileKind = Literal['config', 'weights', 'index', 'pickle', 'foreign', 'other']

PICKLE_SUFFIXES = ('.bin', '.ckpt', '.pt', '.pth', '.pkl', '.pickle')
_FOREIGN_SUFFIXES = ('.msgpack', '.onnx', '.onnx_data', '.pb', '.h5', '.tflite', '.xml', '.gguf', '.mlmodel')
_CONFIG_SUFFIXES = ('.json', '.txt', '.model')
_SHARD = r'-\d{5}-of-\d{5}'
_WEIGHTS = re.compile(rf'^(?P<prefix>[^.]+?)(?:{_SHARD})?(?:\.(?P<variant>[\w-]+?))?(?:{_SHARD})?\.safetensors$')
_INDEX = re.compile(
	r'^(?P<prefix>[^.]+)\.(?P<format>safetensors|bin)(?:\.index(?:\.(?P<variant>\w+))?|\.(?P<legacy>\w+)\.index)\.json$'
)
_EMA = re.compile(r'(?:^|[._-])(?:non[_-]?)?ema(?:[._-]|$)')


@dataclass(frozen=True)
class NamedFile:
	"""A component file's role: `variant` is the label between prefix and suffix (`fp16`, `non_ema`, None)."""

	kind: FileKind
	variant: str | None = None
	sharded: bool = False
	ema: bool = False


def name_kind(name: str) -> NamedFile:
	"""Classify a file name (no folder) by its suffix and its variant label."""
	lowered = name.lower()
	ema = _EMA.search(lowered) is not None
	if index := _INDEX.match(lowered):
		if index.group('format') == 'bin':
			return NamedFile('pickle')
		return NamedFile('index', index.group('variant') or index.group('legacy'), sharded=True, ema=ema)
	if lowered.endswith(_FOREIGN_SUFFIXES) or 'openvino' in lowered or 'flax' in lowered:
		return NamedFile('foreign')
	if lowered.endswith(PICKLE_SUFFIXES):
		return NamedFile('pickle')
	if weights := _WEIGHTS.match(lowered):
		return NamedFile('weights', weights.group('variant'), sharded=re.search(_SHARD, lowered) is not None, ema=ema)
	if lowered.endswith('.safetensors'):
		return NamedFile('other', ema=ema)
	return NamedFile('config') if lowered.endswith(_CONFIG_SUFFIXES) else NamedFile('other')


def plain_name(name: str, named: NamedFile) -> str:
	"""The name diffusers loads without `variant=`: `x.fp16.safetensors` -> `x.safetensors`; the index of fp16
	shards -> `x.safetensors.index.json` (shards keep their names: the index lists them)."""
	if named.variant is None or (named.kind == 'weights' and named.sharded):
		return name
	prefix = name.split('.', 1)[0]
	return f'{prefix}.safetensors.index.json' if named.kind == 'index' else f'{prefix}.safetensors'
