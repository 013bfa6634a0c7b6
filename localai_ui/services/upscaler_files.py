"""Reading one upscaler file into a plain state dict of tensors, safely; no model is built here.

`.safetensors` goes through the shared header checks (`safetensors_header.read_header`: empty, truncated, garbage,
Git LFS pointer) before safetensors reads it. `.pth`/`.pt` are opened only by `torch.load(weights_only=True)`, whose
unpickler refuses any global it does not allow: a pickle carrying code is refused and nothing in it runs.
"""

import pickle
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import safetensors.torch as safetensors_torch
import torch
from safetensors import SafetensorError

from localai_ui.schemas.file_errors import ModelFileError, PickleRefusedError
from localai_ui.schemas.upscalers import UpscalerFileError, UpscalerFormat, UpscalerPickleRefusedError
from localai_ui.services.safetensors.header import read_header
from localai_ui.services.safetensors.sniff import SNIFF_BYTES, is_pickle_content
from localai_ui.services.upscaler_suffixes import upscaler_format

# The wrappers training tools put a state dict in, in the order spandrel unwraps them.
_WRAPPER_KEYS = ('model_state_dict', 'state_dict', 'params_ema', 'params-ema', 'params', 'model', 'net')
# safetensors' own annotation leaves the path type partly unknown: the typed surface this module uses.
_load_file = cast(Callable[[str], dict[str, torch.Tensor]], vars(safetensors_torch)['load_file'])
_LFS_POINTER = b'version https://git-lfs'
_CODE_MARKERS = re.compile(
	r'GLOBAL (\S+)|reduce for unrecognized function (.+?)(?: which|$)|new object for .* got (.+)', re.M
)
_LOAD_FAILURES = (pickle.UnpicklingError, RuntimeError, OSError, EOFError, ValueError, TypeError, AssertionError)


@dataclass(frozen=True)
class UpscalerWeights:
	"""The tensors of an upscaler file, unwrapped from training wrappers (`params_ema`, `state_dict`...), on the CPU."""

	path: Path
	format: UpscalerFormat
	tensors: dict[str, torch.Tensor]


def read_upscaler_weights(path: Path) -> UpscalerWeights:
	"""Validate and read `path`; UpscalerFileError (or its pickle/unsupported subclasses) names the file and why."""
	kind = upscaler_format(path)
	try:
		mode = path.stat().st_mode
	except OSError as error:
		raise UpscalerFileError(f'{path.name}: cannot read the file: {error.strerror or error}') from error
	if not stat.S_ISREG(mode):
		raise UpscalerFileError(f'{path.name}: not a regular file (a folder, FIFO or device)')
	tensors = _read_safetensors(path) if kind == 'safetensors' else _state_dict(path, _load_weights_only(path))
	return UpscalerWeights(path, kind, tensors)


def _read_safetensors(path: Path) -> dict[str, torch.Tensor]:
	try:
		read_header(path)
		return _load_file(str(path))
	except PickleRefusedError as error:
		raise UpscalerPickleRefusedError(
			f'{path.name}: a pickle under a .safetensors name; it was not opened. If it is a PyTorch upscaler, '
			'rename it to .pth: .pth files are read with weights-only loading'
		) from error
	except ModelFileError as error:
		raise UpscalerFileError(str(error)) from error
	except (SafetensorError, OSError) as error:
		raise UpscalerFileError(f'{path.name}: safetensors cannot read it ({error}): the file is damaged') from error


def _load_weights_only(path: Path) -> object:
	"""torch.load with weights_only=True, after the first bytes say it is a torch zip or a pickle at all."""
	try:
		with path.open('rb') as file:
			head = file.read(SNIFF_BYTES)
	except OSError as error:
		raise UpscalerFileError(f'{path.name}: cannot read the file: {error.strerror or error}') from error
	if not head:
		raise UpscalerFileError(f'{path.name}: the file is empty (0 bytes)')
	if head.startswith(_LFS_POINTER):
		raise UpscalerFileError(
			f'{path.name}: this is a Git LFS pointer file, not the model; '
			'fetch the real file with `git lfs pull` or download it again'
		)
	if not is_pickle_content(head):
		raise UpscalerFileError(f'{path.name}: garbage: neither a PyTorch zip archive nor a pickle, so not a .pth')
	try:
		return cast(object, torch.load(path, map_location='cpu', weights_only=True))
	except _LOAD_FAILURES as error:
		raise _load_failure(path, error) from error


def _load_failure(path: Path, error: BaseException) -> UpscalerFileError:
	"""Why weights-only loading refused `path`: code in the pickle, a TorchScript program, or damage."""
	message = str(error)
	code = _CODE_MARKERS.search(message) if isinstance(error, pickle.UnpicklingError) else None
	if code is not None:
		what = next(group for group in code.groups() if group)
		return UpscalerPickleRefusedError(
			f'{path.name}: the pickle calls or builds Python objects ({what}), which could run code: it was refused '
			'and nothing in it was run; use a .safetensors version of this upscaler'
		)
	if 'TorchScript' in message:
		return UpscalerPickleRefusedError(
			f'{path.name}: a TorchScript archive is a program, not weights: it was refused and nothing in it was run; '
			'use a .safetensors or a plain state-dict .pth'
		)
	detail = message.strip().splitlines()[-1:] or [type(error).__name__]
	return UpscalerFileError(
		f'{path.name}: truncated or damaged PyTorch file ({detail[0][:160]}); download or copy it again'
	)


def _state_dict(path: Path, loaded: object) -> dict[str, torch.Tensor]:
	"""The tensors of `loaded`, unwrapped from a known wrapper key or a single-entry dict."""
	mapping = _str_dict(loaded)
	if mapping is None:
		raise UpscalerFileError(f'{path.name}: holds a {type(loaded).__name__}, not a state dict of tensors')
	for key in _WRAPPER_KEYS:
		inner = _str_dict(mapping.get(key))
		if inner is not None:
			mapping = inner
			break
	if len(mapping) == 1:
		mapping = _str_dict(next(iter(mapping.values()))) or mapping
	tensors = {key: value for key, value in mapping.items() if isinstance(value, torch.Tensor)}
	if not tensors:
		raise UpscalerFileError(f'{path.name}: the file holds no tensors, so it is not an upscaler model')
	return tensors


def _str_dict(value: object) -> dict[str, object] | None:
	if not isinstance(value, dict):
		return None
	items = cast(dict[object, object], value)
	return {key: item for key, item in items.items() if isinstance(key, str)}
