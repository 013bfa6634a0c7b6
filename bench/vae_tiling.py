"""VAE tiling against an untiled decode on SD 1.5's VAE shapes (random weights): peak memory, time, and how far apart
the two images are, side by side in one run.

Each variant decodes the same latents in a fresh subprocess; "RSS growth" is the peak resident memory during the decode
(VmHWM, reset just before) minus the resident memory once the VAE and the latents were ready. On CUDA the allocator's
own peak is printed too. The tiled decode is the app's (cores/vae_tiling), switched on as the memory modes do.

	.venv/bin/python -m bench.vae_tiling                   # 1024 px on this CPU
	python -m bench.vae_tiling --device cuda --size 2048   # the GPU check
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Protocol, cast

import numpy as np
import torch
from diffusers import AutoencoderKL

from bench.process_memory import reset_peak, status_mb
from localai_ui.cores.vae_tiling.install import install_exact_tiling

ROOT = Path(__file__).resolve().parent.parent
SD15_VAE: dict[str, object] = {
	'block_out_channels': (128, 256, 512, 512),
	'down_block_types': ('DownEncoderBlock2D',) * 4,
	'up_block_types': ('UpDecoderBlock2D',) * 4,
	'latent_channels': 4,
	'layers_per_block': 2,
	'norm_num_groups': 32,
	'sample_size': 512,
}


class _Tiling(Protocol):
	def enable_tiling(self) -> None: ...


def child(tiled: bool, size: int, device: torch.device, out: Path) -> None:
	torch.default_generator.manual_seed(0)
	vae = AutoencoderKL(**SD15_VAE).eval().to(device)
	if tiled:
		cast(_Tiling, vae).enable_tiling()
		install_exact_tiling(vae)
	latents = torch.randn((1, 4, size // 8, size // 8), generator=torch.Generator().manual_seed(1)).to(device)
	reset_peak()
	ready = status_mb('VmRSS')
	if device.type == 'cuda':
		torch.cuda.reset_peak_memory_stats(device)
	started = time.perf_counter()
	with torch.no_grad():
		pixels = vae.decode(latents).sample[0]
	seconds = time.perf_counter() - started
	levels = ((pixels.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).cpu().numpy()
	np.save(out, levels)
	cuda_mb = torch.cuda.max_memory_allocated(device) / 2**20 if device.type == 'cuda' else 0.0
	print(f'{seconds} {status_mb("VmHWM") - ready} {cuda_mb}')


def run_variant(tiled: bool, size: int, device: str, out: Path) -> tuple[float, float, float]:
	command = [sys.executable, '-m', 'bench.vae_tiling', '--child', str(int(tiled)), '--size', str(size)]
	done = subprocess.run([*command, '--device', device, '--out', str(out)], cwd=ROOT, capture_output=True, text=True)
	if done.returncode != 0:
		raise SystemExit(done.stderr[-2000:])
	seconds, rss, cuda = (float(value) for value in done.stdout.split()[-3:])
	return seconds, rss, cuda


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('--size', type=int, default=1024)
	parser.add_argument('--device', default='cpu')
	parser.add_argument('--child', type=int, choices=(0, 1))
	parser.add_argument('--out', type=Path)
	args = parser.parse_args()
	if args.child is not None:
		child(bool(args.child), args.size, torch.device(args.device), args.out)
		return
	with tempfile.TemporaryDirectory() as folder:
		results = {
			tiled: run_variant(bool(tiled), args.size, args.device, Path(folder) / f'{tiled}.npy') for tiled in (0, 1)
		}
		untiled, tiled = (np.load(Path(folder) / f'{name}.npy').astype(int) for name in (0, 1))
	difference = np.abs(untiled - tiled)
	print(f'SD 1.5 VAE decode at {args.size}x{args.size} on {args.device}')
	for name, (seconds, rss, cuda) in (('untiled', results[0]), ('tiled', results[1])):
		print(f'  {name:8} {seconds:7.2f} s   RSS growth {rss:8.0f} MiB   CUDA peak {cuda:8.0f} MiB')
	(untiled_s, untiled_rss, untiled_cuda), (tiled_s, tiled_rss, tiled_cuda) = results[0], results[1]
	print(
		f'  tiled / untiled: time {tiled_s / untiled_s:.2f}, RSS growth {tiled_rss / max(untiled_rss, 1):.2f}', end=''
	)
	print(f', CUDA peak {tiled_cuda / untiled_cuda:.2f}' if untiled_cuda else '')
	print(f'  levels apart: max {difference.max()}, pixels differing {(difference > 0).mean() * 100:.3f}%')


if __name__ == '__main__':
	main()
