"""Files that look like checkpoints but are not: each one a user has met, with the reason the app must give."""

import json
import pickle
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from torch import zeros

from tests.models.tiny_checkpoints import save_file

Writer = Callable[[Path], object]


def header_bytes(header: dict[str, object], data: bytes = b'') -> bytes:
	raw = json.dumps(header).encode()
	return struct.pack('<Q', len(raw)) + raw + data


def valid(path: Path) -> None:
	save_file({'weight': zeros(4, 4)}, str(path), metadata={'ss_network_dim': '8'})


def truncated(path: Path) -> None:
	valid(path)
	path.write_bytes(path.read_bytes()[:-20])


def _zip_pickle(path: Path) -> None:
	with zipfile.ZipFile(path, 'w') as archive:
		archive.writestr('archive/data.pkl', pickle.dumps({'state_dict': {}}))


BAD_FILES: dict[str, tuple[Writer, str]] = {
	'empty': (lambda path: path.write_bytes(b''), 'empty'),
	'truncated': (truncated, 'truncated'),
	'garbage header': (lambda path: path.write_bytes(struct.pack('<Q', 6) + b'\xff\xfenot!'), 'garbage header'),
	'header longer than file': (lambda path: path.write_bytes(struct.pack('<Q', 10**9) + b'{}'), 'only'),
	'png renamed': (lambda path: path.write_bytes(b'\x89PNG\r\n\x1a\n' + bytes(64)), 'header claims'),
	'git-lfs pointer': (
		lambda path: path.write_text('version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 2132625431\n'),
		'Git LFS pointer',
	),
	'zip pickle': (_zip_pickle, 'pickle'),
	'raw pickle': (lambda path: path.write_bytes(pickle.dumps({'a': 1}, protocol=4)), 'pickle'),
	'wrong byte count': (
		lambda path: path.write_bytes(
			header_bytes({'w': {'dtype': 'F32', 'shape': [4], 'data_offsets': [0, 8]}}, bytes(8))
		),
		'do not fit shape',
	),
	'unknown dtype': (
		lambda path: path.write_bytes(header_bytes({'w': {'dtype': 'Q7', 'shape': [1], 'data_offsets': [0, 1]}}, b'x')),
		'unknown dtype',
	),
	'unknown architecture': (valid, 'unknown architecture'),
}
