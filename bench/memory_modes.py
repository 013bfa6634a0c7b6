"""Peak GPU memory of each memory mode: the app's path against raw diffusers with the same savers (needs CUDA).

For each mode (high: all on the GPU; medium: model CPU offload, A1111's --medvram; low: sequential CPU offload and
attention slicing, --lowvram) the app is started with `--memory MODE` and runs one request through its real path;
raw diffusers loads the same folder in fp16 and turns on the savers the app's planner chose for that run. Each side
runs once to warm up, then once measured: peak `max_memory_allocated`, peak reserved, seconds. The planner's own
estimate is printed beside them. Without a CUDA GPU it says so and exits 0.

	python -m bench.memory_modes                          # SDXL-shaped random weights, 1024x1024, 20 steps
	python -m bench.memory_modes --shape tiny --steps 4   # the tiny SDXL, a quick check of the script
"""

import argparse
import gc
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import torch
from diffusers import AutoencoderKL, DPMSolverMultistepScheduler, StableDiffusionXLPipeline, UNet2DConditionModel
from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

from bench.overhead import PROMPT
from localai_ui.context import build_context
from localai_ui.cores.memory import RunShape, estimate_peak_bytes, plan_memory
from localai_ui.schemas.assets import Family
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.system import MemoryMode, MemoryPlan, MemoryRequest
from localai_ui.services.checkpoint_files.configs import MODEL_CONFIGS_DIR
from localai_ui.settings import settings_for
from tests.tiny_models import build_sdxl, byte_tokenizer

GIB = 1 << 30
MODES: dict[str, MemoryRequest] = {'high': 'high', 'medium': 'medium', 'low': 'low'}


def diffusers_savers(plan: MemoryPlan) -> list[str]:
	"""The pipeline methods a diffusers user calls for the plan (the project's diffusers stub lists only what the
	app itself calls, so they are looked up by name)."""
	placing = (
		['enable_sequential_cpu_offload']
		if plan.sequential_cpu_offload
		else ['enable_model_cpu_offload']
		if plan.model_cpu_offload
		else []
	)
	return placing + (['enable_attention_slicing'] if plan.attention_slicing else [])


def _json(path: Path) -> dict[str, object]:
	return cast(dict[str, object], json.loads(path.read_text(encoding='utf-8')))


def text_config(path: Path) -> CLIPTextConfig:
	"""A CLIP text encoder's shape from its config.json, with the byte tokenizer's special tokens."""
	found = _json(path)

	def size(name: str) -> int:
		return int(cast(int, found[name]))

	return CLIPTextConfig(
		hidden_size=size('hidden_size'),
		intermediate_size=size('intermediate_size'),
		num_attention_heads=size('num_attention_heads'),
		num_hidden_layers=size('num_hidden_layers'),
		projection_dim=size('projection_dim'),
		vocab_size=size('vocab_size'),
		max_position_embeddings=size('max_position_embeddings'),
		hidden_act=str(found['hidden_act']),
		bos_token_id=512,
		eos_token_id=513,
		pad_token_id=513,
	)


def build_sdxl_shaped() -> StableDiffusionXLPipeline:
	"""SDXL's real UNet, VAE and text encoder shapes (about 3.5 B parameters) with random fp16 weights, made on the
	GPU (seconds instead of minutes of CPU initialisation); the byte tokenizer stands in for CLIP's."""
	configs = MODEL_CONFIGS_DIR / 'sdxl'
	torch.default_generator.manual_seed(0)
	with torch.device('cuda'):
		unet = UNet2DConditionModel.from_config(_json(configs / 'unet' / 'config.json'))
		vae = AutoencoderKL.from_config(_json(configs / 'vae' / 'config.json'))
		text = CLIPTextModel(text_config(configs / 'text_encoder' / 'config.json'))
		text_2 = CLIPTextModelWithProjection(text_config(configs / 'text_encoder_2' / 'config.json'))
	scheduler_config = _json(configs / 'scheduler' / 'scheduler_config.json')
	pipe = StableDiffusionXLPipeline(
		vae=vae,
		text_encoder=text,
		text_encoder_2=text_2,
		tokenizer=byte_tokenizer(),
		tokenizer_2=byte_tokenizer(),
		unet=unet,
		scheduler=DPMSolverMultistepScheduler.from_config(scheduler_config),
	)
	return pipe.to(dtype=torch.float16)


def run_plan(mode: str, size: int) -> MemoryPlan:
	"""The savers the app's planner turns on for this mode and size (the same call the app makes per run)."""
	free, _total = torch.cuda.mem_get_info()
	return plan_memory(
		MODES[mode], family=Family.SDXL, device_type='cuda', free_vram_bytes=free, width=size, height=size, batch_size=1
	)


def measured(work: Callable[[], None]) -> tuple[int, int, float]:
	"""(peak allocated, peak reserved, seconds) of one call, after a warm-up call."""
	work()
	torch.cuda.synchronize()
	torch.cuda.reset_peak_memory_stats()
	started = time.perf_counter()
	work()
	torch.cuda.synchronize()
	return torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved(), time.perf_counter() - started


def free_gpu() -> None:
	gc.collect()
	torch.cuda.empty_cache()


def app_peak(root: Path, name: str, mode: str, request: GenerationRequest) -> tuple[int, int, float]:
	folders = ['--data-dir', str(root / f'data-{mode}'), '--models-dir', str(root / 'models')]
	context = build_context(settings_for([*folders, '--device', 'cuda', '--memory', mode]))
	job = request.model_copy(update={'model': name})

	def once() -> None:
		finished = list(context.generate.run(job, CancelToken()))[-1]
		assert isinstance(finished, RunFinished) and finished.error is None, finished

	try:
		return measured(once)
	finally:
		context.close()
		free_gpu()


def raw_peak(folder: Path, plan: MemoryPlan, request: GenerationRequest) -> tuple[int, int, float]:
	"""Raw diffusers with the plan's savers; its weights are freed before the next mode is measured."""
	try:
		return _raw_measure(folder, plan, request)
	finally:
		free_gpu()


def _raw_measure(folder: Path, plan: MemoryPlan, request: GenerationRequest) -> tuple[int, int, float]:
	pipe = StableDiffusionXLPipeline.from_pretrained(folder, dtype=torch.float16)
	pipe.set_progress_bar_config(disable=True)
	methods = diffusers_savers(plan)
	if not plan.model_cpu_offload and not plan.sequential_cpu_offload:
		pipe = pipe.to('cuda')
	for method in methods:
		cast(Callable[[], None], getattr(pipe, method))()
	vae_methods = (['enable_tiling'] if plan.vae_tiling else []) + (['enable_slicing'] if plan.vae_slicing else [])
	for method in vae_methods:
		cast(Callable[[], None], getattr(pipe.vae, method))()
	config = dict(pipe.scheduler.config)

	def once() -> None:
		pipe.scheduler = DPMSolverMultistepScheduler.from_config(config)
		pipe(
			prompt=request.prompt,
			width=request.width,
			height=request.height,
			num_inference_steps=request.steps,
			guidance_scale=request.cfg_scale,
			generator=[torch.Generator('cpu').manual_seed(request.seed)],
		)

	return measured(once)


def main(argv: Sequence[str] | None = None, cuda_available: Callable[[], bool] = torch.cuda.is_available) -> int:
	parser = argparse.ArgumentParser(description='Peak VRAM per memory mode: the app against raw diffusers.')
	parser.add_argument('--shape', choices=('sdxl', 'tiny'), default='sdxl')
	parser.add_argument('--size', type=int, default=1024)
	parser.add_argument('--steps', type=int, default=20)
	parser.add_argument('--modes', default=','.join(MODES), help='comma-separated, from high, medium, low')
	args = parser.parse_args(argv)
	if not cuda_available():
		print('memory_modes: skipped, no CUDA GPU here (it measures GPU memory; run it on a GPU machine)')
		return 0
	size, steps, modes = int(args.size), int(args.steps), [mode for mode in str(args.modes).split(',') if mode]
	if not modes or set(modes) - MODES.keys():
		parser.error(f'--modes {args.modes!r}: use a comma-separated list of high, medium, low')
	request = GenerationRequest(prompt=PROMPT, width=size, height=size, steps=steps, seed=1)
	print(f'{torch.cuda.get_device_name()} | shape={args.shape} size={size} steps={steps}')
	print('mode    planned  app peak  raw peak  app/raw  app reserved  raw reserved  app s   raw s')
	with tempfile.TemporaryDirectory() as folder:
		root = Path(folder)
		name = 'sdxl-shaped' if args.shape == 'sdxl' else 'tiny-sdxl'
		(build_sdxl_shaped() if args.shape == 'sdxl' else build_sdxl()).save_pretrained(root / 'models' / name)
		free_gpu()
		for mode in modes:
			plan = run_plan(mode, size)
			shape = RunShape(size, size, 1, vae_slicing=plan.vae_slicing, vae_tiling=plan.vae_tiling)
			planned = estimate_peak_bytes(MemoryMode(mode), Family.SDXL, shape)
			app, app_reserved, app_s = app_peak(root, name, mode, request)
			raw, raw_reserved, raw_s = raw_peak(root / 'models' / name, plan, request)
			print(
				f'{mode:7} {planned / GIB:6.2f}G {app / GIB:7.2f}G {raw / GIB:7.2f}G {app / max(raw, 1):8.3f} '
				f'{app_reserved / GIB:11.2f}G {raw_reserved / GIB:11.2f}G {app_s:6.2f} {raw_s:6.2f}'
			)
	return 0


if __name__ == '__main__':
	sys.exit(main())
