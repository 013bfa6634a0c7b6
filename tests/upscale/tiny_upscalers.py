"""Tiny random-weight upscalers spandrel can identify, built in code and written as .safetensors or .pth."""

import random
import subprocess
from pathlib import Path

import torch
from PIL import Image
from safetensors.torch import save
from spandrel.architectures.Compact import Compact
from spandrel.architectures.ESRGAN import ESRGAN
from spandrel.architectures.RestoreFormer import RestoreFormer
from spandrel.architectures.SPAN import SPAN


def _seeded(seed: int) -> None:
	torch.default_generator.manual_seed(seed)


def compact(scale: int = 4, seed: int = 0) -> torch.nn.Module:
	"""Real-ESRGAN Compact (SRVGGNetCompact) with 8 features and 2 body convs."""
	_seeded(seed)
	return Compact(num_feat=8, num_conv=2, upscale=scale)


def esrgan(scale: int = 2, seed: int = 0, unshuffle: bool = False) -> torch.nn.Module:
	"""ESRGAN RRDBNet with 8 filters and one block; `unshuffle` makes the x2plus layout (input a multiple of 4)."""
	_seeded(seed)
	if unshuffle:
		return ESRGAN(in_nc=12, num_filters=8, num_blocks=1, scale=scale * 2, shuffle_factor=2)
	return ESRGAN(num_filters=8, num_blocks=1, scale=scale)


def span(scale: int = 2, seed: int = 0) -> torch.nn.Module:
	"""SPAN with 8 feature channels."""
	_seeded(seed)
	return SPAN(num_in_ch=3, num_out_ch=3, feature_channels=8, upscale=scale)


def restoreformer() -> torch.nn.Module:
	"""A face restoration model (spandrel purpose FaceSR), as small as its layout allows."""
	_seeded(0)
	return RestoreFormer(n_embed=8, embed_dim=8, ch=32, ch_mult=(1, 1), num_res_blocks=1, z_channels=8)


def tensors_of(module: torch.nn.Module) -> dict[str, torch.Tensor]:
	"""The module's state dict as plain, contiguous CPU tensors (what a .safetensors file stores)."""
	return {key: value.detach().clone().contiguous() for key, value in module.state_dict().items()}


def write_safetensors(path: Path, tensors: dict[str, torch.Tensor]) -> Path:
	path.write_bytes(save(tensors))
	return path


def write_pth(path: Path, payload: object) -> Path:
	"""torch.save of `payload` (a plain state dict, or a wrapper dict around one)."""
	torch.save(payload, path)
	return path


class MarkerPayload:
	"""Pickles as a call to subprocess.run that creates `marker`: what a malicious .pth does when it is unpickled."""

	def __init__(self, marker: Path) -> None:
		self.marker = marker

	def __reduce__(self) -> tuple[object, tuple[list[str]]]:
		return (subprocess.run, (['touch', str(self.marker)],))


def noise_image(width: int, height: int, seed: int = 0) -> Image.Image:
	"""An RGB image of smooth gradients plus noise, so every tile has structure."""
	generator = random.Random(seed)
	data = bytes(
		(x * 255 // width + generator.randrange(64)) % 256
		if channel == 0
		else (y * 255 // height + generator.randrange(64)) % 256
		if channel == 1
		else generator.randrange(256)
		for y in range(height)
		for x in range(width)
		for channel in range(3)
	)
	return Image.frombytes('RGB', (width, height), data)
