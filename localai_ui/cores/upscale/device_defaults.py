"""Per-device defaults for running an upscaler: the tile size and the dtype."""

import torch
from spandrel import ImageModelDescriptor

CPU_TILE = 384
MPS_TILE = 512
# (free bytes below which, tile px): an ESRGAN-sized x4 model in fp16 needs roughly 2-3 GiB for a 512 px tile.
_CUDA_TILES = ((3 << 30, 256), (6 << 30, 384), (12 << 30, 512), (24 << 30, 768))
LARGEST_TILE = 1024
DEFAULT_OVERLAP = 32


def tile_size_for(device: torch.device) -> int:
	"""A tile size in input pixels that keeps memory bounded on `device`: by free VRAM on CUDA, fixed elsewhere."""
	if device.type == 'cuda':
		free, _total = torch.cuda.mem_get_info(device)
		return tile_for_free_bytes(free)
	return MPS_TILE if device.type == 'mps' else CPU_TILE


def tile_for_free_bytes(free: int) -> int:
	"""The tile size for `free` bytes of device memory."""
	return next((tile for limit, tile in _CUDA_TILES if free < limit), LARGEST_TILE)


def dtype_for(model: ImageModelDescriptor[torch.nn.Module], device: torch.device) -> torch.dtype:
	"""fp16 on CUDA where the architecture supports it, else bf16, else fp32; always fp32 on the CPU."""
	if device.type != 'cuda':
		return torch.float32
	if model.supports_half:
		return torch.float16
	return torch.bfloat16 if model.supports_bfloat16 else torch.float32
