"""--fast on a GPU: eager against compiled, the app's path beside raw diffusers with the same torch.compile.

Random weights of real shapes, fp16, 20 steps: SD1.5 512x512 at batch 1 and 4, SDXL 1024x1024 at batch 1. For each:
raw diffusers eager (channels_last, as the app runs it on CUDA), raw diffusers with the UNet compiled exactly as
--fast compiles it, the app without --fast, and the app with --fast (its first run at the size is eager while the size
compiles in the background: the seconds that compile took are printed, then the compiled runs), then a second start
of the app in a new process on the same compile cache. Without a CUDA GPU it says so and exits 0;
`--device cpu --shapes tiny` runs the raw side with torch.compile's eager backend and checks the app refuses --fast.

	python -m bench.fast_mode                               # on the GPU machine (bench/gpu_check.sh calls it)
	.venv/bin/python -m bench.fast_mode --device cpu --shapes tiny --runs 2   # a quick check of the script here
"""

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import torch
from diffusers import (
	DPMSolverMultistepScheduler,
	StableDiffusionPipeline,
	StableDiffusionXLPipeline,
	UNet2DConditionModel,
)

from bench.memory_modes import build_sdxl_shaped
from bench.overhead import PROMPT
from bench.shapes import build_sd15_shaped
from localai_ui.context import AppContext, build_context
from localai_ui.cores.fast.compile_setup import CompiledForward, FastModeUnavailableError, compile_reduce_overhead
from localai_ui.engine.build import manager_of
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.settings import settings_for
from tests.tiny_models import build_sd1

Case = tuple[str, int, int]  # shape, size, batch size
CASES: dict[str, tuple[Case, ...]] = {
	'sd15': (('sd15', 512, 1), ('sd15', 512, 4)),
	'sdxl': (('sdxl', 1024, 1),),
	'tiny': (('tiny', 64, 1), ('tiny', 64, 2)),
}
COMPILE_WAIT_S = 1800.0


def write_model(shape: str, models_dir: Path) -> str:
	name = f'{shape}-shaped'
	pipe = {'sd15': build_sd15_shaped, 'sdxl': build_sdxl_shaped, 'tiny': build_sd1}[shape]()
	pipe.save_pretrained(models_dir / name)
	return name


def synced(work: Callable[[], None]) -> float:
	if torch.cuda.is_available():
		torch.cuda.synchronize()
	started = time.perf_counter()
	work()
	if torch.cuda.is_available():
		torch.cuda.synchronize()
	return time.perf_counter() - started


def eager_backend(module: torch.nn.Module) -> CompiledForward:
	return torch.compile(module, backend='eager', fullgraph=True, dynamic=False)


def raw_times(folder: Path, request: GenerationRequest, device: str, compiled: bool, runs: int) -> tuple[float, float]:
	"""(first call, median of `runs` later calls) of raw diffusers; `compiled`: the UNet as --fast compiles it."""
	cls = StableDiffusionXLPipeline if 'sdxl' in folder.name else StableDiffusionPipeline
	dtype = torch.float16 if device == 'cuda' else torch.float32
	pipe = cls.from_pretrained(folder, dtype=dtype).to(device)
	pipe.set_progress_bar_config(disable=True)
	if device == 'cuda':
		pipe.unet.to(memory_format=torch.channels_last)
	if compiled:
		compile_fn = compile_reduce_overhead if device == 'cuda' else eager_backend
		pipe.unet = cast(UNet2DConditionModel, compile_fn(pipe.unet))
	config = dict(pipe.scheduler.config)

	def once() -> None:
		pipe.scheduler = DPMSolverMultistepScheduler.from_config(config)
		pipe(
			prompt=PROMPT,
			width=request.width,
			height=request.height,
			num_inference_steps=request.steps,
			num_images_per_prompt=request.batch_size,
			generator=[torch.Generator('cpu').manual_seed(request.seed + i) for i in range(request.batch_size)],
		)

	first = synced(once)
	for _ in range(2 if compiled else 0):
		once()  # CUDA graphs record on the third call
	timed = statistics.median(synced(once) for _ in range(runs))
	return first, timed


def app_context(root: Path, device: str, fast: bool) -> AppContext:
	flags = ['--data-dir', str(root / 'data'), '--models-dir', str(root / 'models'), '--device', device]
	return build_context(settings_for([*flags, '--fast'] if fast else flags))


def app_times(root: Path, request: GenerationRequest, fast: bool, runs: int) -> tuple[float, float, float]:
	"""(first run, seconds until every compile queued by it finished, median of later runs) through the real app."""
	context = app_context(root, 'cuda', fast)

	def once() -> None:
		finished = list(context.generate.run(request, CancelToken()))[-1]
		assert isinstance(finished, RunFinished) and finished.error is None, finished

	try:
		first = synced(once)
		started = time.perf_counter()
		compiler = manager_of(context.engine).fast
		if compiler is not None:
			compiler.wait_idle(COMPILE_WAIT_S)
		compile_s = time.perf_counter() - started
		return first, compile_s, statistics.median(synced(once) for _ in range(runs))
	finally:
		context.close()
		free_device()


def free_device() -> None:
	gc.collect()
	if torch.cuda.is_available():
		torch.cuda.empty_cache()


def second_start(root: Path, request: GenerationRequest) -> str:
	"""A new process on the same data folder: its first run, and how long its compile took with the cache."""
	code = (
		f'import sys; from bench.fast_mode import warm_start; warm_start({str(root)!r}, {request.model_dump_json()!r})'
	)
	done = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=False)
	return done.stdout.strip() or done.stderr.strip()[-400:]


def warm_start(root: str, request_json: str) -> None:
	first, compile_s, median = app_times(Path(root), GenerationRequest.model_validate_json(request_json), True, 3)
	print(f'second start: first run {first:.2f} s, compile from cache {compile_s:.2f} s, then {median * 1000:.1f} ms')


def cpu_check(root: Path, runs: int) -> None:
	"""What runs without a GPU: raw diffusers eager against the eager compile backend, and the app refusing --fast."""
	for shape, size, batch in CASES['tiny']:
		request = GenerationRequest(prompt=PROMPT, width=size, height=size, steps=4, seed=1, batch_size=batch)
		folder = root / 'models' / f'{shape}-shaped'
		eager, compiled = (raw_times(folder, request, 'cpu', flag, runs)[1] for flag in (False, True))
		print(
			f'tiny {size}px batch {batch}: raw eager {eager * 1000:.0f} ms, raw eager-backend compile {compiled * 1000:.0f} ms'
		)
	try:
		app_context(root, 'cpu', True).close()
	except FastModeUnavailableError as refused:
		print(f'app with --fast on cpu: refused ({refused})')


def main(argv: Sequence[str] | None = None, cuda_available: Callable[[], bool] = torch.cuda.is_available) -> int:
	parser = argparse.ArgumentParser(description='--fast: eager against compiled, the app beside raw diffusers.')
	parser.add_argument('--shapes', default='sd15,sdxl', help='comma-separated: sd15, sdxl, tiny')
	parser.add_argument('--device', choices=('cuda', 'cpu'), default='cuda')
	parser.add_argument('--steps', type=int, default=20)
	parser.add_argument('--runs', type=int, default=5)
	args = parser.parse_args(argv)
	shapes = [shape for shape in str(args.shapes).split(',') if shape]
	if not shapes or set(shapes) - CASES.keys():
		parser.error(f'--shapes {args.shapes!r}: use a comma-separated list of sd15, sdxl, tiny')
	if args.device == 'cuda' and not cuda_available():
		print(
			'fast_mode: skipped, no CUDA GPU here (--fast is CUDA only; --device cpu --shapes tiny checks the script)'
		)
		return 0
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		if args.device == 'cpu':
			write_model('tiny', root / 'models')
			cpu_check(root, int(args.runs))
			return 0
		print(f'{torch.cuda.get_device_name()} | torch {torch.__version__} | steps={args.steps} fp16, ms per run')
		print('case                 raw eager  raw compiled  app eager  app --fast  app first  compile s')
		for shape in shapes:
			name = write_model(shape, root / 'models')
			free_device()
			for _shape, size, batch in CASES[shape]:
				request = GenerationRequest(
					prompt=PROMPT, width=size, height=size, steps=int(args.steps), seed=1, batch_size=batch
				).model_copy(update={'model': name})
				folder_path = root / 'models' / name
				free_device()
				raw_eager = raw_times(folder_path, request, 'cuda', False, int(args.runs))[1]
				raw_compiled = raw_times(folder_path, request, 'cuda', True, int(args.runs))[1]
				app_eager = app_times(root, request, False, int(args.runs))[2]
				first, compile_s, app_fast = app_times(root, request, True, int(args.runs))
				print(
					f'{shape} {size}px batch {batch:<3} {raw_eager * 1000:9.1f} {raw_compiled * 1000:13.1f} '
					f'{app_eager * 1000:10.1f} {app_fast * 1000:11.1f} {first * 1000:10.1f} {compile_s:10.1f}'
				)
				print(f'  {second_start(root, request)}')
	return 0


if __name__ == '__main__':
	sys.exit(main())
