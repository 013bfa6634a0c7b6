"""Casting a freshly loaded model to the run dtype without a second copy of the file in RAM.

diffusers maps the checkpoint file and, when the dtype changes, keeps every file page it read resident until the
whole pipeline is built (file + converted weights at once). Loading at the file's own dtype makes the weights views
of that mapping; each is then cast on its own and its file pages handed back (Linux `madvise(MADV_DONTNEED)` on the
file's own mapping, never written: the pages stay in the page cache and would be read again from it if touched).
"""

import ctypes
import mmap
import sys
from collections.abc import Iterable
from pathlib import Path

import torch

from localai_ui.services.safetensors.header import SafetensorsHeader

FILE_DTYPES = {'F16': torch.float16, 'BF16': torch.bfloat16, 'F32': torch.float32}
WEIGHT_PREFIXES = ('model.diffusion_model.', 'first_stage_model.', 'cond_stage_model.', 'conditioner.')
MADV_DONTNEED = 4  # Linux's value; madvise is only called on Linux
PAGE = mmap.PAGESIZE


def file_dtype(header: SafetensorsHeader) -> torch.dtype | None:
	"""The one float dtype of every weight the pipeline takes from the file (UNet, VAE, text encoders); None when
	they differ, so a round trip through the narrower one can never lose precision (then load at the plan's)."""
	found = {
		entry.dtype
		for name, entry in header.tensors.items()
		if name.startswith(WEIGHT_PREFIXES) and entry.dtype.startswith(('F', 'BF'))
	}
	only = found.pop() if len(found) == 1 else None
	return FILE_DTYPES.get(only) if only is not None else None


def file_ranges(path: Path) -> list[tuple[int, int]]:
	"""The address ranges where this process maps `path` (empty off Linux: then no page is handed back)."""
	if not sys.platform.startswith('linux'):
		return []
	target = str(path.resolve())
	ranges: list[tuple[int, int]] = []
	for line in Path('/proc/self/maps').read_text().splitlines():
		fields = line.split(maxsplit=5)
		if len(fields) == 6 and fields[5] == target:
			start, end = fields[0].split('-')
			ranges.append((int(start, 16), int(end, 16)))
	return ranges


class PageReleaser:
	"""Hands back the file pages under a tensor once it has been copied (only inside the file's own mapping)."""

	def __init__(self, path: Path) -> None:
		self._ranges = file_ranges(path)
		self._madvise = ctypes.CDLL(None, use_errno=True).madvise if self._ranges else None
		if self._madvise is not None:
			self._madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
			self._madvise.restype = ctypes.c_int

	def release(self, tensor: torch.Tensor) -> None:
		begin = tensor.data_ptr()
		end = begin + tensor.numel() * tensor.element_size()
		if self._madvise is None or not any(low <= begin and end <= high for low, high in self._ranges):
			return
		first, last = -(-begin // PAGE) * PAGE, end // PAGE * PAGE  # whole pages inside the tensor only
		if last > first:
			self._madvise(first, last - first, MADV_DONTNEED)


def cast_releasing(modules: Iterable[torch.nn.Module], dtype: torch.dtype, path: Path) -> None:
	"""Cast every floating parameter and buffer to `dtype` one tensor at a time (in place, as `Module.to` does),
	handing back each one's file pages as soon as it is copied, so RAM holds the cast weights and one tensor more."""
	releaser = PageReleaser(path)
	for module in modules:
		for tensor in [*module.parameters(), *module.buffers()]:
			if tensor.is_floating_point() and tensor.dtype != dtype:
				old = tensor.data
				tensor.data = old.to(dtype)
				releaser.release(old)
