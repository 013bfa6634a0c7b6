"""Why raw diffusers measured 1.79 s per SD1.5-shaped 512x512 image in `bench/gpu_check.sh` where a plain script
measured 0.60 s on the same H200: one pipeline, timed each way the overhead bench differs from a plain script, in one
run, so the cause shows as the variant that is slow.

	python -m bench.gpu_gap --device cuda          # on the GPU machine (bench/gpu_check.sh runs it)
	.venv/bin/python -m bench.gpu_gap --shape tiny # a smoke run on the CPU
"""

import argparse
import statistics
import threading
import time
from collections.abc import Callable
from typing import cast

import torch
from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline
from diffusers.models.attention_processor import Attention

from bench.shapes import build_sd15_shaped
from tests.tiny_models import build_sd1

PROMPT = 'a lighthouse on a cliff at dusk, volumetric light'


def timed(pipe: StableDiffusionPipeline, size: int, steps: int, generator_device: str) -> Callable[[], float]:
	def once() -> float:
		pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)
		if pipe.device.type == 'cuda':
			torch.cuda.synchronize()
		started = time.perf_counter()
		generator = torch.Generator(generator_device).manual_seed(1)
		pipe(prompt=PROMPT, num_inference_steps=steps, width=size, height=size, generator=generator)
		if pipe.device.type == 'cuda':
			torch.cuda.synchronize()
		return time.perf_counter() - started

	return once


def in_fresh_thread(call: Callable[[], float]) -> float:
	"""What bench/overhead.py (and the app) do: each call on a new thread."""
	timings: list[float] = []
	thread = threading.Thread(target=lambda: timings.append(call()))
	thread.start()
	thread.join()
	return timings[0]


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	parser.add_argument('--device', default='cpu')
	parser.add_argument('--shape', choices=('sd15', 'tiny'), default='sd15')
	parser.add_argument('--runs', type=int, default=5)
	parser.add_argument('--steps', type=int, default=20)
	args = parser.parse_args()
	size, dtype = (512, torch.float16) if args.shape == 'sd15' else (64, torch.float32)
	dtype = dtype if args.device.startswith('cuda') else torch.float32
	pipe = (build_sd15_shaped() if args.shape == 'sd15' else build_sd1()).to(args.device, dtype)
	pipe.set_progress_bar_config(disable=True)
	layers = [module for module in pipe.unet.modules() if isinstance(module, Attention)]
	processors = {type(cast(object, layer.processor)).__name__ for layer in layers}
	dtypes = {name: str(getattr(pipe, name).dtype) for name in ('unet', 'vae', 'text_encoder')}
	print(f'torch {torch.__version__}, {args.device}, dtypes {dtypes}, attention {sorted(processors)}')
	print(f'cudnn.benchmark {torch.backends.cudnn.benchmark}, SDPA flash {torch.backends.cuda.flash_sdp_enabled()}')
	on_cpu_seed = timed(pipe, size, args.steps, 'cpu')
	variants: list[tuple[str, Callable[[], float]]] = [
		('first call (cold kernels, clocks)', on_cpu_seed),
		('main thread, warm', on_cpu_seed),
		('fresh thread per call (as bench/overhead.py)', lambda: in_fresh_thread(on_cpu_seed)),
		('main thread, generator on the device', timed(pipe, size, args.steps, args.device)),
	]
	for name, call in variants:
		runs = [call() for _ in range(1 if name.startswith('first') else args.runs)]
		print(f'  {statistics.median(runs):7.3f} s  {name}  (runs {", ".join(f"{run:.3f}" for run in runs)})')
	if args.device.startswith('cuda'):
		torch.backends.cudnn.benchmark = True
		runs = [on_cpu_seed() for _ in range(args.runs + 1)][1:]
		print(f'  {statistics.median(runs):7.3f} s  cudnn.benchmark on (after one tuning call)')


if __name__ == '__main__':
	main()
