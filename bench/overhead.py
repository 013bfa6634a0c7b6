"""The app's overhead: the same model and request through raw diffusers and through the app, alternating.

The app's path is the real one: pipeline manager (lock, worker thread, fresh scheduler, per-image generators),
cheap previews on, the PNG written with its infotext and the run recorded in SQLite. Prints the median ratio.

	.venv/bin/python -m bench.overhead                      # tiny model on this CPU
	python -m bench.overhead --shape sd15 --size 512 --steps 20 --device cuda   # the GPU check
	.venv/bin/python -m bench.overhead --safety   # also runs with the safety checker on: its cost per run
"""

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import torch
from diffusers import DPMSolverMultistepScheduler, StableDiffusionPipeline
from PIL import Image

from bench.shapes import write_model
from localai_ui.context import build_context
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.engine.build import manager_of
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.settings import settings_for
from tests.safety.tiny_checker import FLAG_NONE, RELEASED, TINY, save_tiny_checker

PROMPT = 'a lighthouse on a cliff at dusk, volumetric light'


def raw_runner(model_dir: Path, device: str, request: GenerationRequest, channels_last: bool) -> Callable[[], float]:
	"""Load the model as a diffusers user would; the returned function times one call (after a warm-up)."""
	dtype = torch.float16 if device == 'cuda' else torch.float32
	pipe = StableDiffusionPipeline.from_pretrained(model_dir, dtype=dtype, safety_checker=None).to(device)
	pipe.set_progress_bar_config(disable=True)
	if channels_last:
		pipe.unet.to(memory_format=torch.channels_last)
	config = dict(pipe.scheduler.config)

	def once() -> float:
		pipe.scheduler = DPMSolverMultistepScheduler.from_config(config)
		started = time.perf_counter()
		pipe(
			prompt=PROMPT,
			num_inference_steps=request.steps,
			guidance_scale=request.cfg_scale,
			width=request.width,
			height=request.height,
			generator=[torch.Generator('cpu').manual_seed(1)],
		)
		return time.perf_counter() - started

	def in_fresh_thread() -> float:
		# The app runs each job on a fresh thread; CPU thread pools are per thread, and a pool left spinning on
		# another thread halves the speed of the next one on 2 cores, so both paths run the same way.
		timings: list[float] = []
		thread = threading.Thread(target=lambda: timings.append(once()))
		thread.start()
		thread.join()
		return timings[0]

	in_fresh_thread()
	return in_fresh_thread


def checker_alone(manager: PipelineManager, size: int) -> float:
	"""One image through the loaded checker on the model's device: what a checked run adds per image."""
	gate, device = manager.safety, torch.device(str(manager.plan.device))
	assert gate is not None and gate.loaded
	image = Image.effect_noise((size, size), 64).convert('RGB')
	started = time.perf_counter()
	gate.flags([image], device)
	if device.type == 'cuda':
		torch.cuda.synchronize()
	return time.perf_counter() - started


def main() -> None:
	parser = argparse.ArgumentParser(description='The app path against raw diffusers, alternating runs.')
	parser.add_argument('--shape', choices=('tiny', 'sd15'), default='tiny')
	parser.add_argument('--device', choices=('cpu', 'cuda'), default='cpu')
	parser.add_argument('--size', type=int, default=256)
	parser.add_argument('--steps', type=int, default=20)
	parser.add_argument('--runs', type=int, default=7)
	parser.add_argument('--safety', action='store_true', help='time runs with the checker on too (sd15: ViT-L shape)')
	args = parser.parse_args()
	request = GenerationRequest(prompt=PROMPT, width=args.size, height=args.size, steps=args.steps, seed=1)
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		name = write_model(args.shape, root / 'models')
		settings = settings_for(['--data-dir', str(root / 'data'), '--models-dir', str(root / 'models')])
		context = build_context(settings)
		service = context.generate
		if args.safety:
			save_tiny_checker(
				settings.data_dir / 'safety_checker', FLAG_NONE, RELEASED if args.shape == 'sd15' else TINY
			)
		app_request = request.model_copy(update={'model': name})

		def app_once() -> float:
			started = time.perf_counter()
			finished = list(service.run(app_request, CancelToken()))[-1]
			assert isinstance(finished, RunFinished) and finished.error is None, finished
			return time.perf_counter() - started

		app_once()

		def checked_once() -> float:
			context.app_settings.store.save({'safety_checker': True})
			try:
				return app_once()
			finally:
				context.app_settings.store.save({'safety_checker': False})

		if args.safety:
			checked_once()  # loads the checker once, as the first checked run of a session does
		raw = raw_runner(root / 'models' / name, args.device, request, channels_last=False)
		raw_cl = (
			raw_runner(root / 'models' / name, args.device, request, channels_last=True)
			if args.device == 'cuda'
			else None
		)
		raw_times: list[float] = []
		app_times: list[float] = []
		cl_times: list[float] = []
		safe_times: list[float] = []
		checker_times: list[float] = []
		for _ in range(args.runs):
			raw_times.append(raw())
			if raw_cl is not None:
				cl_times.append(raw_cl())
			app_times.append(app_once())
			if args.safety:
				safe_times.append(checked_once())
				checker_times.append(checker_alone(manager_of(context.engine), args.size))
		context.close()
	report(args, raw_times, cl_times, app_times, (safe_times, checker_times))


def report(
	args: argparse.Namespace,
	raw: list[float],
	raw_cl: list[float],
	app: list[float],
	safety: tuple[list[float], list[float]],
) -> None:
	raw_median, app_median = statistics.median(raw), statistics.median(app)
	print(f'model={args.shape} device={args.device} size={args.size} steps={args.steps} runs={args.runs}')
	print(f'raw diffusers     median {raw_median * 1000:8.1f} ms')
	if raw_cl:
		print(f'raw channels_last median {statistics.median(raw_cl) * 1000:8.1f} ms')
	print(f'app path          median {app_median * 1000:8.1f} ms')
	print(f'ratio app/raw     {app_median / raw_median:.3f}')
	if raw_cl:
		print(f'ratio app/raw(channels_last) {app_median / statistics.median(raw_cl):.3f}')
	safe, checker = safety
	if safe:
		print(f'app + safety      median {statistics.median(safe) * 1000:8.1f} ms')
		print(f'safety checker    median {statistics.median(checker) * 1000:8.1f} ms per image, alone on the device')


if __name__ == '__main__':
	main()
