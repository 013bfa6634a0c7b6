"""Reading and checking a safetensors header, so a damaged file fails here and not deep inside diffusers.

diffusers loads a truncated checkpoint without complaint and fails later with "Cannot copy out of meta tensor":
every tensor's byte range is checked against the file size first.
"""

import json
import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from localai_ui.schemas.file_errors import ModelFileError
from localai_ui.services.safetensors.sniff import SNIFF_BYTES, refuse_foreign, refuse_pickle

MAX_HEADER_BYTES = 100 * 1024 * 1024
DTYPE_BYTES: Mapping[str, int] = {
	'BOOL': 1,
	'U8': 1,
	'I8': 1,
	'F8_E4M3': 1,
	'F8_E5M2': 1,
	'I16': 2,
	'U16': 2,
	'F16': 2,
	'BF16': 2,
	'I32': 4,
	'U32': 4,
	'F32': 4,
	'I64': 8,
	'U64': 8,
	'F64': 8,
}


@dataclass(frozen=True)
class TensorEntry:
	dtype: str
	shape: tuple[int, ...]
	start: int
	end: int


@dataclass(frozen=True)
class SafetensorsHeader:
	"""The tensors by name, the free-form `__metadata__` strings, and the file size it was checked against."""

	tensors: Mapping[str, TensorEntry]
	metadata: Mapping[str, str]
	file_size: int


def read_header(path: Path) -> SafetensorsHeader:
	"""Validate `path` as a safetensors file and return its header; ModelFileError names the file and the reason."""
	refuse_pickle(path)
	try:
		size = path.stat().st_size
		with path.open('rb') as file:
			head = file.read(SNIFF_BYTES)
			if size == 0:
				raise ModelFileError(f'{path.name}: the file is empty (0 bytes)')
			refuse_foreign(path, head)
			if size < 8:
				raise ModelFileError(f'{path.name}: {size} bytes is too short for a safetensors file (truncated)')
			(length,) = struct.unpack('<Q', head[:8])
			if length > size - 8:
				raise ModelFileError(
					f'{path.name}: the header claims {length} bytes but the file has only {size}: '
					'truncated, or not a safetensors file'
				)
			if length > MAX_HEADER_BYTES:
				raise ModelFileError(f'{path.name}: header of {length} bytes is larger than the 100 MB limit')
			file.seek(8)
			raw = file.read(length)
	except OSError as error:
		raise ModelFileError(f'{path.name}: cannot read the file: {error.strerror or error}') from error
	return _parse(path, raw, size, 8 + length)


def _parse(path: Path, raw: bytes, size: int, data_start: int) -> SafetensorsHeader:
	try:
		value: object = json.loads(raw.decode('utf-8'))
	except (UnicodeDecodeError, ValueError) as error:
		raise ModelFileError(
			f'{path.name}: garbage header: it is not JSON, so this is not a safetensors file'
		) from error
	if not isinstance(value, dict):
		raise ModelFileError(f'{path.name}: garbage header: a safetensors header is a JSON object')
	entries = cast(dict[str, object], value)
	metadata = _metadata(path, entries.get('__metadata__'))
	tensors = {
		name: _entry(path, name, entry, size - data_start) for name, entry in entries.items() if name != '__metadata__'
	}
	if not tensors:
		raise ModelFileError(f'{path.name}: the file holds no tensors')
	return SafetensorsHeader(tensors, metadata, size)


def _metadata(path: Path, value: object) -> dict[str, str]:
	if value is None:
		return {}
	items = cast(dict[object, object], value) if isinstance(value, dict) else None
	if items is None or not all(isinstance(item, str) for item in items.values()):
		raise ModelFileError(f'{path.name}: __metadata__ must be a JSON object of strings')
	return {str(key): str(item) for key, item in items.items()}


def _entry(path: Path, name: str, value: object, data_size: int) -> TensorEntry:
	where = f'{path.name}: tensor {name!r}'
	if not isinstance(value, dict):
		raise ModelFileError(f'{where}: its header entry is not an object')
	entry = cast(dict[str, object], value)
	dtype, shape, offsets = entry.get('dtype'), entry.get('shape'), entry.get('data_offsets')
	if not isinstance(dtype, str) or dtype not in DTYPE_BYTES:
		raise ModelFileError(f'{where}: unknown dtype {dtype!r}')
	dims = _ints(shape)
	bounds = _ints(offsets)
	if dims is None or any(dim < 0 for dim in dims):
		raise ModelFileError(f'{where}: shape {shape!r} is not a list of sizes')
	if bounds is None or len(bounds) != 2 or not 0 <= bounds[0] <= bounds[1]:
		raise ModelFileError(f'{where}: data_offsets {offsets!r} are not [begin, end]')
	start, end = bounds
	if end > data_size:
		raise ModelFileError(
			f'{where} ends at byte {end} of the data but the file holds {data_size} data bytes: '
			'the file is truncated (an interrupted download or copy)'
		)
	if end - start != math.prod(dims) * DTYPE_BYTES[dtype]:
		raise ModelFileError(f'{where}: {end - start} bytes do not fit shape {list(dims)} of {dtype}')
	return TensorEntry(dtype, dims, start, end)


def _ints(value: object) -> tuple[int, ...] | None:
	if not isinstance(value, list):
		return None
	items = cast(list[object], value)
	if not all(isinstance(item, int) and not isinstance(item, bool) for item in items):
		return None
	return tuple(cast(list[int], items))
