"""LoRA apply and remove times for 1 and 3 LoRAs: cold (read from disk), from cached state dicts, and a set change
among resident adapters (add, drop, swap, reweight), against a weight change alone.

Applies through the app's LoraApplier on a pipeline held as the manager holds it. Prints medians in ms.

	.venv/bin/python -m bench.loras                                  # tiny SD1 model, rank-4 LoRAs, CPU
	python -m bench.loras --shape sd15 --rank 32 --device cuda      # SD1.5 shapes, real-sized LoRAs
"""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import torch

from bench.shapes import build_sd15_shaped
from localai_ui.cores.loading.loader import LoadedModel
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.schemas.assets import Family
from localai_ui.schemas.loras import LoraSpec
from localai_ui.schemas.models import ModelInfo
from tests.loras.lora_builders import kohya_lora, kohya_metadata, lora_spec, write_lora
from tests.loras.rendering import largest_weight_difference, pixel_difference, render, weights
from tests.tiny_models import build_sd1

COLUMNS = ('cold apply', 'cached apply', 'set change', 'weights only', 'remove')


def prepare(shape: str, device: str, rank: int, folder: Path) -> tuple[LoadedModel, list[LoraSpec]]:
	"""The model on its device, and four kohya LoRAs for its shapes written to `folder`."""
	pipeline = build_sd15_shaped() if shape == 'sd15' else build_sd1()
	for seed in range(4):
		tensors = kohya_lora(pipeline, seed=seed, rank=rank)
		write_lora(folder / f'lora{seed}.safetensors', tensors, kohya_metadata('sd_v1'))
	pipeline = pipeline.to(device, torch.float16 if device == 'cuda' else torch.float32)
	pipeline.set_progress_bar_config(disable=True)
	info = ModelInfo(shape, Path(shape), Family.SD1)
	specs = [lora_spec(folder, f'lora{seed}', 0.8) for seed in range(4)]
	return LoadedModel(info, pipeline, dict(pipeline.scheduler.config)), specs


def verify(applier: LoraApplier, model: LoadedModel, specs: list[LoraSpec], size: int) -> None:
	"""Render, apply and reweight the LoRAs, remove them, render again: print the largest differences."""
	pipeline = model.pipeline
	before, original = render(pipeline, size, 4), weights(pipeline)
	applier.apply(model, specs)
	with_loras = render(pipeline, size, 4)
	applier.apply(model, [replace(spec, weight=-0.5) for spec in specs[:2]])
	applier.apply(model, [])
	after = render(pipeline, size, 4)
	print(f'verify at {size} px: with LoRAs differs by {pixel_difference(with_loras, before)} (of 255)')
	print(
		f'after removal: pixels {pixel_difference(after, before)}, weights {largest_weight_difference(weights(pipeline), original)}'
	)


def timed(action: Callable[[], None], device: str) -> float:
	started = time.perf_counter()
	action()
	if device == 'cuda':
		torch.cuda.synchronize()
	return time.perf_counter() - started


def set_changes(specs: list[LoraSpec], count: int) -> list[list[LoraSpec]]:
	"""Sets of `count` LoRAs to switch between: each differs from the one before (swap, drop, add, reweight)."""
	first, rest = specs[:count], specs[count:] or specs[:1]
	swapped = [*first[1:], replace(rest[0], weight=0.6)] if count > 1 else [replace(rest[0], weight=0.6)]
	return [swapped, first[: max(1, count - 1)], [replace(spec, weight=0.3) for spec in first], first]


def measure(
	applier: LoraApplier, model: LoadedModel, specs: list[LoraSpec], count: int, runs: int, device: str
) -> list[float]:
	"""Median seconds for each of COLUMNS."""
	chosen = specs[:count]
	samples: list[list[float]] = [[] for _ in COLUMNS]
	reweighted = [replace(spec, weight=0.5) for spec in chosen]
	applier.apply(model, specs)
	for _ in range(runs):
		applier.release(model)
		applier.cache.clear()
		samples[0].append(timed(lambda: applier.apply(model, chosen), device))
		applier.release(model)
		samples[1].append(timed(lambda: applier.apply(model, chosen), device))
		applier.apply(model, specs)  # every LoRA resident, as after a session of trying them
		for changed in set_changes(specs, count):
			samples[2].append(timed(lambda specs=changed: applier.apply(model, specs), device))
		samples[3].append(timed(lambda: applier.apply(model, reweighted), device))
		samples[4].append(timed(lambda: applier.apply(model, []), device))
	return [statistics.median(column) for column in samples]


def main() -> None:
	parser = argparse.ArgumentParser(description='LoRA apply/remove times, cold against cached.')
	parser.add_argument('--shape', choices=('tiny', 'sd15'), default='tiny')
	parser.add_argument('--rank', type=int, default=4)
	parser.add_argument('--device', choices=('cpu', 'cuda'), default='cpu')
	parser.add_argument('--runs', type=int, default=7)
	parser.add_argument('--verify', type=int, metavar='PX', help='also check an exact restore at this image size')
	args = parser.parse_args()
	applier = LoraApplier(LoraStateCache())
	with tempfile.TemporaryDirectory() as folder:
		model, specs = prepare(args.shape, args.device, args.rank, Path(folder))
		size_mb = sum(spec.path.stat().st_size for spec in specs) / len(specs) / 1e6
		print(f'model={args.shape} device={args.device} rank={args.rank} file={size_mb:.2f} MB runs={args.runs}')
		print(f'{"loras":>5} ' + ' '.join(f'{column:>13}' for column in COLUMNS) + '   (median ms)')
		for count in (1, 3):
			medians = measure(applier, model, specs, count, args.runs, args.device)
			print(f'{count:>5} ' + ' '.join(f'{value * 1000:13.1f}' for value in medians))
		if args.verify:
			verify(applier, model, specs, args.verify)


if __name__ == '__main__':
	main()
