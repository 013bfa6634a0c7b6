"""An upscalers folder as users have them: good files in both formats, and every kind of bad one."""

from pathlib import Path

import torch

from tests.upscale.tiny_upscalers import MarkerPayload, compact, esrgan, tensors_of, write_pth, write_safetensors

GOOD = ('compact-x2', 'esrgan-x2')


def add_good_upscalers(folder: Path) -> None:
	"""compact-x2 (Real-ESRGAN Compact, .safetensors) and esrgan-x2 (ESRGAN, weights-only .pth in params_ema)."""
	folder.mkdir(parents=True, exist_ok=True)
	write_safetensors(folder / 'compact-x2.safetensors', tensors_of(compact(2)))
	write_pth(folder / 'esrgan-x2.pth', {'params_ema': tensors_of(esrgan(2))})


def add_bad_upscalers(folder: Path, marker: Path) -> None:
	"""unknown (tensors of no architecture), two truncated files, a pickle with code, a .ckpt, and a text file."""
	folder.mkdir(parents=True, exist_ok=True)
	write_safetensors(folder / 'unknown.safetensors', {'head.weight': torch.zeros(3, 3), 'tail.bias': torch.ones(3)})
	whole = write_safetensors(folder / 'whole.safetensors', tensors_of(compact(4)))
	(folder / 'truncated.safetensors').write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
	whole.unlink()
	pth = write_pth(folder / 'whole.pth', tensors_of(compact(4)))
	(folder / 'truncated.pth').write_bytes(pth.read_bytes()[: pth.stat().st_size // 2])
	pth.unlink()
	write_pth(folder / 'payload.pth', {'params': MarkerPayload(marker)})
	write_pth(folder / 'old.ckpt', tensors_of(compact(2)))
	(folder / 'notes.txt').write_text('not a model')
