"""One load of a single-file checkpoint in a fresh process: seconds, and peak RSS above the after-imports baseline.

Run by bench.models (one subprocess per measurement, so every RSS starts clean):
.venv/bin/python -m bench.model_load_probe ours|theirs|switch FILE [FILE2] --dtype fp16|fp32
Prints one JSON line.
"""

import argparse
import json
import resource
import time
from pathlib import Path

import psutil
import torch
from diffusers import StableDiffusionPipeline

from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import load_model
from localai_ui.cores.loading.single_file import bundled_tokenizers
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.models import ModelInfo
from localai_ui.services.checkpoint_files.inspect import inspect_checkpoint, resolve_config
from tests.cores.jobs import new_applier

DTYPES = {'fp16': torch.float16, 'fp32': torch.float32}


class PeakRss:
	"""Peak RSS of what runs inside: the kernel's high-water mark (ru_maxrss, file pages included), so no polling
	thread competes with the load for the CPU or the GIL. The baseline is the RSS on entry; `masked` says whether
	an earlier peak (imports) was higher than the one inside, which would hide it."""

	def __init__(self) -> None:
		self.baseline = psutil.Process().memory_info().rss
		self.before = self.peak = _max_rss()

	def __enter__(self) -> 'PeakRss':
		return self

	def __exit__(self, *_: object) -> None:
		self.peak = _max_rss()

	@property
	def masked(self) -> bool:
		return self.peak <= self.before


def _max_rss() -> int:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def warm(path: Path) -> None:
	"""Read the file into the page cache in 16 MB chunks (one read of the whole file would set the RSS peak)."""
	with path.open('rb') as file:
		while file.read(16 << 20):
			pass


def model_info(path: Path) -> ModelInfo:
	inspection = inspect_checkpoint(path, is_folder=False)
	config = resolve_config(path, inspection.details.config)
	return ModelInfo(path.stem, path, inspection.family, 'safetensors', config_dir=config)


def theirs(info: ModelInfo, dtype: torch.dtype) -> StableDiffusionPipeline:
	"""diffusers' own loader on the same local configs (tokenizers from the bundled BPE: the folder has no vocab)."""
	config = info.config_dir
	assert config is not None
	return StableDiffusionPipeline.from_single_file(
		str(info.path),
		config=str(config),
		local_files_only=True,
		dtype=dtype,
		safety_checker=None,
		requires_safety_checker=False,
		**bundled_tokenizers(config),
	)


def measure_load(how: str, info: ModelInfo, plan: DevicePlan) -> dict[str, float]:
	warm(info.path)  # page cache warm, outside the measurement
	with PeakRss() as rss:
		started = time.perf_counter()
		pipeline = load_model(info, plan).pipeline if how == 'ours' else theirs(info, plan.dtype)
		seconds = time.perf_counter() - started
	modules = [part for part in pipeline.components.values() if isinstance(part, torch.nn.Module)]
	weights = sum(t.numel() * t.element_size() for m in modules for t in [*m.parameters(), *m.buffers()])
	return {
		'seconds': seconds,
		'peak_above_baseline': float(rss.peak - rss.baseline),
		'peak_masked': float(rss.masked),
		'file_bytes': float(info.path.stat().st_size),
		'model_bytes': float(weights),
	}


def measure_switch(infos: list[ModelInfo], plan: DevicePlan) -> dict[str, float]:
	"""Two models in a RAM cache that holds both: the first loads, later switches come from the cache."""
	manager = PipelineManager(plan, new_applier(), ram_cache_bytes=64 << 30)
	times: list[float] = []
	process, before = psutil.Process(), 0
	for switch in range(12):
		started = time.perf_counter()
		manager.load(infos[switch % 2], CancelToken())
		times.append(time.perf_counter() - started)
		if switch == 1:
			before = process.memory_info().rss
	loaded = [manager.loaded_model]
	assert loaded[0] == infos[1]
	cached = sorted(times[2:])
	growth = float(process.memory_info().rss - before)
	return {
		'first_load': times[0],
		'switch_median': cached[len(cached) // 2],
		'switch_max': cached[-1],
		'growth': growth,
	}


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument('how', choices=('ours', 'theirs', 'switch'))
	parser.add_argument('files', nargs='+', type=Path)
	parser.add_argument('--dtype', choices=tuple(DTYPES), default='fp32')
	args = parser.parse_args()
	plan = DevicePlan(torch.device('cpu'), DTYPES[str(args.dtype)], channels_last=False)
	infos = [model_info(path) for path in args.files]
	how = str(args.how)
	result = measure_switch(infos, plan) if how == 'switch' else measure_load(how, infos[0], plan)
	print(json.dumps(result))


if __name__ == '__main__':
	main()
