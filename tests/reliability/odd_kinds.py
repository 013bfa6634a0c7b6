"""Malformed entries of every kind a library folder can meet: links, special files, odd names, broken headers,
truncations, pickles and half diffusers folders. Each writes its entries with names holding its token (`k07`)."""

import gzip
import json
import os
import stat
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.reliability.payloads import raw_payload, zip_payload

Writer = Callable[[Path, str, Path], None]  # (folder, token, pickle marker)


@dataclass(frozen=True)
class OddKind:
	label: str
	category: str
	write: Writer


def header(raw: bytes, data: bytes = b'') -> bytes:
	return struct.pack('<Q', len(raw)) + raw + data


def tensors(entries: Mapping[str, object], data: bytes) -> bytes:
	return header(json.dumps(entries).encode(), data)


def nested(depth: int, opening: str = '[', closing: str = ']') -> bytes:
	return header((opening * depth + closing * depth).encode())


def _file(content: bytes, suffix: str = '.safetensors') -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		(folder / f'{token}{suffix}').write_bytes(content)

	return write


def _named(name: str, content: bytes = b'not a model') -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		(folder / os.fsdecode(name.replace('TOKEN', token).encode('utf-8', 'surrogateescape'))).write_bytes(content)

	return write


def _raw_name(name: bytes) -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		(folder / os.fsdecode(token.encode() + name)).write_bytes(b'x')

	return write


def _link(target: Callable[[Path, str], str]) -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		os.symlink(target(folder, token), folder / f'{token}.safetensors')

	return write


def _loop(folder: Path, token: str, _marker: Path) -> None:
	os.symlink(folder / f'{token}-b.safetensors', folder / f'{token}-a.safetensors')
	os.symlink(folder / f'{token}-a.safetensors', folder / f'{token}-b.safetensors')


def _chain(folder: Path, token: str, _marker: Path) -> None:
	for index in range(45):  # Linux follows at most 40 links
		os.symlink(folder / f'{token}-{index + 1}.safetensors', folder / f'{token}-{index}.safetensors')
	(folder / f'{token}-45.safetensors').write_bytes(b'end')


def _fifo_link(folder: Path, token: str, _marker: Path) -> None:
	os.mkfifo(folder / f'.{token}-pipe')
	os.symlink(folder / f'.{token}-pipe', folder / f'{token}.safetensors')


def _outside_dir_link(folder: Path, token: str, _marker: Path) -> None:
	outside = folder.parent / f'{folder.name}-{token}-outside'
	outside.mkdir(exist_ok=True)
	(outside / 'secret.safetensors').write_bytes(b'outside')
	os.symlink(outside, folder / f'{token}.safetensors')


def _node(mode: int, device: int = 0) -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		os.mknod(folder / f'{token}.safetensors', mode | 0o600, device)

	return write


def _fifo(folder: Path, token: str, _marker: Path) -> None:
	os.mkfifo(folder / f'{token}.safetensors')


def _directory(folder: Path, token: str, _marker: Path) -> None:
	(folder / f'{token}.safetensors').mkdir()


def _index_is_folder(folder: Path, token: str, _marker: Path) -> None:
	(folder / token / 'model_index.json').mkdir(parents=True)


def _sparse(folder: Path, token: str, _marker: Path) -> None:
	path = folder / f'{token}.safetensors'
	path.write_bytes(tensors({'w': {'dtype': 'F32', 'shape': [2**30], 'data_offsets': [0, 2**32]}}, b''))
	os.truncate(path, 2**32 + 200)


def _unreadable(folder: Path, token: str, _marker: Path) -> None:
	path = folder / f'{token}.safetensors'
	path.write_bytes(b'secret')
	path.chmod(0)


def _pickle(suffix: str, zipped: bool) -> Writer:
	def write(folder: Path, token: str, marker: Path) -> None:
		(folder / f'{token}{suffix}').write_bytes(zip_payload(marker) if zipped else raw_payload(marker))

	return write


INDEX = {'_class_name': 'StableDiffusionPipeline', 'unet': ['diffusers', 'UNet2DConditionModel']}
WEIGHTS = {'w': {'dtype': 'F32', 'shape': [4], 'data_offsets': [0, 16]}}


def _diffusers(parts: dict[str, bytes], index: bytes = json.dumps(INDEX).encode()) -> Writer:
	def write(folder: Path, token: str, marker: Path) -> None:
		model = folder / token
		model.mkdir()
		(model / 'model_index.json').write_bytes(index)
		for relative, content in parts.items():
			(model / relative).parent.mkdir(parents=True, exist_ok=True)
			(model / relative).write_bytes(content.replace(b'MARKER', raw_payload(marker)))

	return write


def _index_special(make: Callable[[Path], None]) -> Writer:
	def write(folder: Path, token: str, _marker: Path) -> None:
		model = folder / token
		(model / 'unet').mkdir(parents=True)
		make(model / 'model_index.json')

	return write


PICKLE_UNET = {'unet/diffusion_pytorch_model.bin': b'MARKER', 'unet/config.json': b'{}'}
FULL_INDEX = json.dumps({**INDEX, 'vae': ['diffusers', 'AutoencoderKL'], 'text_encoder': ['transformers', 'CLIP']})


ODD_KINDS: tuple[OddKind, ...] = (
	OddKind('dangling link (a drive not mounted)', 'links', _link(lambda folder, token: f'/mnt/{token}/gone')),
	OddKind('relative dangling link', 'links', _link(lambda folder, token: f'../{token}-gone.safetensors')),
	OddKind('two links pointing at each other', 'links', _loop),
	OddKind('a link to itself', 'links', _link(lambda folder, token: f'{token}.safetensors')),
	OddKind('a chain of 45 links', 'links', _chain),
	OddKind('a link to /', 'links', lambda folder, token, _m: os.symlink('/', folder / f'{token}-root')),
	OddKind('a link to /proc', 'links', _link(lambda folder, token: '/proc')),
	OddKind('a link to /dev/zero', 'links', _link(lambda folder, token: '/dev/zero')),
	OddKind('a link to a FIFO', 'links', _fifo_link),
	OddKind('a link to a folder outside', 'links', _outside_dir_link),
	OddKind('a link to /etc/passwd', 'links', _link(lambda folder, token: '/etc/passwd')),
	OddKind('a FIFO', 'special files', _fifo),
	OddKind('a socket', 'special files', _node(stat.S_IFSOCK)),
	OddKind('a character device (/dev/zero)', 'special files', _node(stat.S_IFCHR, os.makedev(1, 5))),
	OddKind('a folder named .safetensors', 'special files', _directory),
	OddKind('a model_index.json that is a folder', 'special files', _index_is_folder),
	OddKind('an unreadable file (mode 000)', 'special files', _unreadable),
	OddKind('a name that is not UTF-8', 'names', _raw_name(b'-caf\xe9.safetensors')),
	OddKind('a name with a newline', 'names', _named('TOKEN-line\nbreak.safetensors')),
	OddKind('a name with a right-to-left override', 'names', _named('TOKEN-\u202egpj.exe.safetensors')),
	OddKind('a name starting with a dash', 'names', _named('-TOKEN.safetensors')),
	OddKind('a name of spaces', 'names', _named('TOKEN   .safetensors')),
	OddKind('a 255-byte name', 'names', _named('TOKEN' + 'n' * 238 + '.safetensors')),
	OddKind('a name with a backslash', 'names', _named('TOKEN\\..\\x.safetensors')),
	OddKind('a name with : * ?', 'names', _named('TOKEN:*?.safetensors')),
	OddKind('a name with HTML', 'names', _named('TOKEN<img src=x onerror=alert(1)>.safetensors')),
	OddKind('a name with Markdown and quotes', 'names', _named('TOKEN **bold** "q" \'q\' `c`.safetensors')),
	OddKind('an emoji name', 'names', _named('TOKEN-\U0001f3a8.safetensors')),
	OddKind('an upper-case extension', 'names', _named('TOKEN.SAFETENSORS')),
	OddKind('a double extension', 'names', _named('TOKEN.safetensors.safetensors')),
	OddKind('an empty file', 'contents', _file(b'')),
	OddKind('one byte', 'contents', _file(b'\x00')),
	OddKind('seven bytes', 'contents', _file(b'\x01' * 7)),
	OddKind('a header length of 0', 'contents', _file(struct.pack('<Q', 0))),
	OddKind('a header longer than the file', 'contents', _file(struct.pack('<Q', 10**9) + b'{}')),
	OddKind('a header length of 2^64-1', 'contents', _file(b'\xff' * 8 + b'{}')),
	OddKind('a header that is not JSON', 'contents', _file(header(b'\xff\xfenot json'))),
	OddKind('a JSON array header', 'contents', _file(header(b'[1, 2]'))),
	OddKind('a JSON string header', 'contents', _file(header(b'"text"'))),
	OddKind('a JSON null header', 'contents', _file(header(b'null'))),
	OddKind('[ nested 1,100 deep', 'nested headers', _file(nested(1100))),
	OddKind('{ nested 1,100 deep', 'nested headers', _file(nested(1100, '{"a":', '}'))),
	OddKind('[ nested 100,000 deep', 'nested headers', _file(nested(100_000))),
	OddKind('truncated tensor data', 'truncations', _file(tensors(WEIGHTS, bytes(8)))),
	OddKind('overlapping tensors', 'contents', _file(tensors({**WEIGHTS, 'v': WEIGHTS['w']}, bytes(16)))),
	OddKind(
		'offsets past the end',
		'truncations',
		_file(tensors({'w': {**WEIGHTS['w'], 'data_offsets': [0, 99]}}, bytes(16))),
	),
	OddKind('a negative shape', 'contents', _file(tensors({'w': {**WEIGHTS['w'], 'shape': [-4]}}, bytes(16)))),
	OddKind(
		'a shape that overflows',
		'contents',
		_file(tensors({'w': {**WEIGHTS['w'], 'shape': [2**62, 2**62]}}, bytes(16))),
	),
	OddKind('an unknown dtype', 'contents', _file(tensors({'w': {**WEIGHTS['w'], 'dtype': 'Q7'}}, bytes(16)))),
	OddKind('a wrong byte count', 'contents', _file(tensors({'w': {**WEIGHTS['w'], 'shape': [3]}}, bytes(16)))),
	OddKind('a tensor entry that is a list', 'contents', _file(tensors({'w': [1, 2]}, bytes(16)))),
	OddKind(
		'metadata that is not text', 'contents', _file(tensors({'__metadata__': {'a': [1]}, **WEIGHTS}, bytes(16)))
	),
	OddKind('a header that is not UTF-8', 'contents', _file(header(b'{"\xff": 1}'))),
	OddKind('a header with a BOM', 'contents', _file(header(b'\xef\xbb\xbf{}'))),
	OddKind(
		'a Git LFS pointer', 'contents', _file(b'version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 9\n')
	),
	OddKind('a PNG renamed', 'contents', _file(b'\x89PNG\r\n\x1a\n' + bytes(64))),
	OddKind('an HTML error page', 'contents', _file(b'<!DOCTYPE html><html><body>404 Not Found</body></html>')),
	OddKind('a gzip file', 'contents', _file(gzip.compress(b'weights' * 100))),
	OddKind('1 MB of zeros', 'contents', _file(bytes(2**20))),
	OddKind('a 4 GB sparse file claiming one tensor', 'truncations', _sparse),
	OddKind('a zip pickle named .safetensors', 'pickles', _pickle('.safetensors', zipped=True)),
	OddKind('a raw pickle named .safetensors', 'pickles', _pickle('.safetensors', zipped=False)),
	OddKind('a .ckpt pickle', 'pickles', _pickle('.ckpt', zipped=True)),
	OddKind('a .pt pickle', 'pickles', _pickle('.pt', zipped=True)),
	OddKind('a .bin pickle', 'pickles', _pickle('.bin', zipped=False)),
	OddKind('a .pth pickle', 'pickles', _pickle('.pth', zipped=True)),
	OddKind('a diffusers folder missing its components', 'diffusers folders', _diffusers({}, FULL_INDEX.encode())),
	OddKind('a model_index.json that is not JSON', 'diffusers folders', _diffusers({}, b'{"_class_name": ')),
	OddKind('a model_index.json nested 1,100 deep', 'diffusers folders', _diffusers({}, b'[' * 1100 + b']' * 1100)),
	OddKind('a UNet only as a pickle', 'diffusers folders', _diffusers(PICKLE_UNET)),
	OddKind(
		'a text encoder only as a pickle',
		'diffusers folders',
		_diffusers(
			{'text_encoder/pytorch_model.bin': b'MARKER', 'unet/diffusion_pytorch_model.safetensors': b''},
			json.dumps({**INDEX, 'text_encoder': ['transformers', 'CLIPTextModel']}).encode(),
		),
	),
	OddKind(
		'a truncated UNet weight file',
		'diffusers folders',
		_diffusers({'unet/diffusion_pytorch_model.safetensors': tensors(WEIGHTS, bytes(4))}),
	),
	OddKind('a model_index.json that is a FIFO', 'diffusers folders', _index_special(os.mkfifo)),
	OddKind(
		'a model_index.json that is a dangling link',
		'diffusers folders',
		_index_special(lambda path: os.symlink(path.parent / 'gone.json', path)),
	),
)


def token_of(index: int) -> str:
	return f'k{index:02d}'
