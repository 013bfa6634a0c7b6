"""The hires fix's cost: the app's txt2img + hires request against raw diffusers doing the same two passes.

Raw diffusers is a StableDiffusionPipeline for the first pass, then a StableDiffusionImg2ImgPipeline built from the
same components (`from_pipe`) for the second, each with a fresh DPM++ 2M scheduler, the same sizes, steps, strength
and seed; the upscale between them is the same (Lanczos on the decoded image, or a bilinear resize of the latents for
`--upscaler Latent`). The app's path is the real one: resolver, pipeline manager, previews, PNG and History row.
Runs alternate; the median ratio app/raw is printed (goal: at most 1.05 on the CPU). The default request is the
overhead bench's (256 px, 20 steps), here doubled to 512 px by the hires fix; the app's fixed cost per image (PNG,
thumbnail, History row: about 20 ms on this CPU) weighs more on smaller requests (`--size 128 --steps 10`).

	.venv/bin/python -m bench.hires                                          # tiny model on this CPU
	python -m bench.hires --shape sd15 --size 512 --steps 20 --device cuda   # the GPU check
"""

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import torch
from diffusers import DPMSolverMultistepScheduler, StableDiffusionImg2ImgPipeline, StableDiffusionPipeline
from PIL import Image

from bench.overhead import PROMPT
from bench.shapes import write_model
from localai_ui.context import build_context
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.settings import settings_for

STRENGTH = 0.7


def in_fresh_thread(work: Callable[[], float]) -> float:
	"""The app runs each job on a fresh thread (CPU thread pools are per thread): raw diffusers runs the same way."""
	timings: list[float] = []
	thread = threading.Thread(target=lambda: timings.append(work()))
	thread.start()
	thread.join()
	return timings[0]


def raw_runner(model_dir: Path, device: str, request: GenerationRequest) -> Callable[[], float]:
	"""Both passes in raw diffusers; the returned function times one request (after a warm-up)."""
	dtype = torch.float16 if device == 'cuda' else torch.float32
	first = StableDiffusionPipeline.from_pretrained(model_dir, dtype=dtype, safety_checker=None).to(device)
	second = StableDiffusionImg2ImgPipeline.from_pipe(first)
	for pipe in (first, second):
		pipe.set_progress_bar_config(disable=True)
	config = dict(first.scheduler.config)
	width, height = request.hires_size(request.width, request.height)
	latent = request.hires_upscaler == 'Latent'

	def once() -> float:
		started = time.perf_counter()
		first.scheduler = DPMSolverMultistepScheduler.from_config(config)
		images = first(
			prompt=PROMPT,
			num_inference_steps=request.steps,
			guidance_scale=request.cfg_scale,
			width=request.width,
			height=request.height,
			generator=[torch.Generator('cpu').manual_seed(1)],
			output_type='latent' if latent else 'pil',
		).images
		if latent:
			size = (height // 8, width // 8)
			upscaled: object = torch.nn.functional.interpolate(cast(torch.Tensor, images), size=size, mode='bilinear')
		else:
			upscaled = [images[0].resize((width, height), Image.Resampling.LANCZOS)]
		second.scheduler = DPMSolverMultistepScheduler.from_config(config)
		second(
			prompt=PROMPT,
			image=upscaled,
			strength=STRENGTH,
			num_inference_steps=request.steps,
			guidance_scale=request.cfg_scale,
			generator=[torch.Generator('cpu').manual_seed(1)],
		)
		return time.perf_counter() - started

	in_fresh_thread(once)
	return lambda: in_fresh_thread(once)


def main() -> None:
	parser = argparse.ArgumentParser(description='txt2img + hires fix: the app path against raw diffusers.')
	parser.add_argument('--shape', choices=('tiny', 'sd15'), default='tiny')
	parser.add_argument('--device', choices=('cpu', 'cuda'), default='cpu')
	parser.add_argument('--size', type=int, default=256)
	parser.add_argument('--steps', type=int, default=20)
	parser.add_argument('--upscaler', choices=('Lanczos', 'Latent'), default='Lanczos')
	parser.add_argument('--runs', type=int, default=5)
	args = parser.parse_args()
	request = GenerationRequest(
		prompt=PROMPT,
		width=args.size,
		height=args.size,
		steps=args.steps,
		seed=1,
		enable_hires=True,
		hires_scale=2,
		hires_upscaler=args.upscaler,
		hires_denoising_strength=STRENGTH,
	)
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		name = write_model(args.shape, root / 'models')
		device = ['--device', args.device]
		context = build_context(
			settings_for(['--data-dir', str(root / 'data'), '--models-dir', str(root / 'models'), *device])
		)
		app_request = request.model_copy(update={'model': name})

		def app_once() -> float:
			started = time.perf_counter()
			finished = list(context.generate.run(app_request, CancelToken()))[-1]
			assert isinstance(finished, RunFinished) and finished.error is None, finished
			return time.perf_counter() - started

		app_once()
		raw = raw_runner(root / 'models' / name, args.device, request)
		raw_times: list[float] = []
		app_times: list[float] = []
		for _ in range(args.runs):
			raw_times.append(raw())
			app_times.append(app_once())
		context.close()
	width, height = request.hires_size(request.width, request.height)
	raw_median, app_median = statistics.median(raw_times), statistics.median(app_times)
	print(f'model={args.shape} device={args.device} {args.size}px -> {width}x{height} upscaler={args.upscaler}')
	print(f'steps={args.steps} hires strength={STRENGTH} runs={args.runs}')
	print(f'raw diffusers (txt2img + img2img) median {raw_median * 1000:8.1f} ms')
	print(f'app path (txt2img + hires fix)    median {app_median * 1000:8.1f} ms')
	print(f'ratio app/raw {app_median / raw_median:.3f}')


if __name__ == '__main__':
	main()
