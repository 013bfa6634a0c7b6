"""Peak memory and time of a x4 model upscale of a 1024x1024 image: one pass against tiles of several sizes.

Each variant runs in a fresh subprocess (tracemalloc does not see torch's allocations; ru_maxrss after fork+exec
still holds the parent's RSS): "RSS growth" is the peak resident memory during the upscale (VmHWM, reset just before)
minus the resident memory once the model and the image were ready. On CUDA the allocator's own peak is printed too. The model is Real-ESRGAN Compact shaped as
realesr-animevideov3 (64 features, 16 convs, x4) with random weights, read from a .safetensors through the app's path.

	.venv/bin/python -m bench.upscale                                  # 1024 px on this CPU
	python -m bench.upscale --device cuda --tiles 0 1024 512 256       # the GPU check (0: one pass)
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from spandrel.architectures.Compact import Compact

from bench.process_memory import reset_peak, status_mb
from localai_ui.cores.upscale import ModelUpscaler, load_upscaler
from localai_ui.cores.upscale.image_pixels import pixels_to_image
from tests.upscale.tiny_upscalers import tensors_of, write_safetensors

ROOT = Path(__file__).resolve().parent.parent


def child(model: Path, tile: int, size: int, device: torch.device, out: Path) -> None:
	"""One variant: print `RESULT rss_growth_mb seconds cuda_peak_mb`, write the output pixels to `out`."""
	upscaler = ModelUpscaler(load_upscaler(model), device, tile=tile or None)
	generator = torch.Generator().manual_seed(0)
	image = pixels_to_image(torch.randint(0, 256, (size, size, 3), dtype=torch.uint8, generator=generator))
	upscaler.upscale(image.crop((0, 0, 64, 64)), 4)  # warm-up: library code and kernels are loaded before the count
	if device.type == 'cuda':
		torch.cuda.reset_peak_memory_stats(device)
	reset_peak()
	before = status_mb('VmRSS')
	started = time.perf_counter()
	result = upscaler.upscale(image, 4)
	if device.type == 'cuda':
		torch.cuda.synchronize(device)
	seconds = time.perf_counter() - started
	cuda_mb = torch.cuda.max_memory_allocated(device) / 2**20 if device.type == 'cuda' else 0.0
	print(f'RESULT {status_mb("VmHWM") - before:.1f} {seconds:.3f} {cuda_mb:.1f}')
	out.write_bytes(result.tobytes())


def run_variant(model: Path, tile: int, size: int, device: str, out: Path) -> tuple[float, float, float]:
	command = [sys.executable, '-m', 'bench.upscale', '--child', str(tile), '--model', str(model), '--out', str(out)]
	command += ['--size', str(size), '--device', device]
	done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
	line = next(line for line in done.stdout.splitlines() if line.startswith('RESULT '))
	growth, seconds, cuda_mb = (float(value) for value in line.split()[1:])
	return growth, seconds, cuda_mb


def max_difference(first: Path, second: Path) -> int:
	left = torch.frombuffer(bytearray(first.read_bytes()), dtype=torch.uint8)
	right = torch.frombuffer(bytearray(second.read_bytes()), dtype=torch.uint8)
	return int((left.int() - right.int()).abs().max())


def main() -> None:
	parser = argparse.ArgumentParser(description='Peak memory and time of a tiled x4 upscale against one pass.')
	parser.add_argument('--size', type=int, default=1024)
	parser.add_argument('--device', default='cpu')
	parser.add_argument('--tiles', type=int, nargs='+', default=[0, 512, 384, 256], help='tile px; 0 is one pass')
	parser.add_argument('--child', type=int, help=argparse.SUPPRESS)
	parser.add_argument('--model', type=Path, help=argparse.SUPPRESS)
	parser.add_argument('--out', type=Path, help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.child is not None:
		child(args.model, args.child, args.size, torch.device(args.device), args.out)
		return
	with tempfile.TemporaryDirectory() as folder:
		torch.default_generator.manual_seed(0)
		model = write_safetensors(
			Path(folder) / 'compact-x4.safetensors', tensors_of(Compact(num_feat=64, num_conv=16))
		)
		print(f'{args.size}x{args.size} -> x4, Real-ESRGAN Compact 64nf 16nc, device={args.device}, fresh process each')
		print(f'{"variant":>10} {"RSS growth MB":>14} {"CUDA peak MB":>13} {"seconds":>8} {"max diff":>9}')
		outputs: list[Path] = []
		peaks: dict[int, float] = {}
		for tile in args.tiles:
			outputs.append(Path(folder) / f'out-{tile}.raw')
			growth, seconds, cuda_mb = run_variant(model, tile, args.size, args.device, outputs[-1])
			difference = max_difference(outputs[0], outputs[-1])
			name = f'tile {tile}' if tile else 'one pass'
			cuda = f'{cuda_mb:13.0f}' if args.device.startswith('cuda') else f'{"-":>13}'
			print(f'{name:>10} {growth:14.0f} {cuda} {seconds:8.2f} {difference:9d}')
			peaks[tile] = cuda_mb if args.device.startswith('cuda') else growth
		report_ratios(peaks, 'CUDA peak' if args.device.startswith('cuda') else 'RSS growth')


def report_ratios(peaks: dict[int, float], measure: str) -> None:
	"""Each tiled run's peak memory against the untiled one (tile 0), the figure the issue asks for."""
	untiled = peaks.get(0)
	if not untiled:
		return
	for tile, peak in peaks.items():
		if tile:
			print(
				f'{measure} tiled {tile} px vs untiled: {peak:.0f} MB vs {untiled:.0f} MB, ratio {peak / untiled:.3f}'
			)


if __name__ == '__main__':
	main()
