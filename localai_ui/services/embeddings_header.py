"""Tensor names and shapes of a .safetensors file, read from its JSON header alone (no torch, no tensor data)."""

import struct
from pathlib import Path
from typing import cast

from localai_ui.services.json_objects import parse_json_object

MAX_HEADER_BYTES = 100 * 1024 * 1024

Shapes = dict[str, tuple[int, ...]]


def read_tensor_shapes(path: Path) -> Shapes:
	"""Each tensor's shape by name; ValueError saying what is wrong when the file is not safetensors."""
	with path.open('rb') as file:
		prefix = file.read(8)
		if len(prefix) < 8:
			raise ValueError('too short to be a safetensors file')
		(length,) = struct.unpack('<Q', prefix)
		if not 0 < length <= MAX_HEADER_BYTES:
			raise ValueError(f'header length {length} is not that of a safetensors file')
		header = file.read(length)
	if len(header) < length:
		raise ValueError('the file is truncated')
	shapes: Shapes = {}
	for name, entry in parse_json_object(header).items():
		if name == '__metadata__':
			continue
		shape = cast(dict[str, object], entry).get('shape') if isinstance(entry, dict) else None
		if not isinstance(shape, list):
			raise ValueError(f'tensor {name!r} has no shape')
		shapes[name] = tuple(int(size) for size in cast(list[object], shape) if isinstance(size, int))
	return shapes
