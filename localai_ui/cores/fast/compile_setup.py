"""How fast mode compiles, where its cache lives, and where it may run: one place sets all three."""

import os
from collections.abc import Callable
from pathlib import Path

import torch
from torch._dynamo import config as dynamo_config

from localai_ui.schemas.errors import LocalAIError

RECOMPILE_LIMIT = 64  # graphs per code object: every bucket and LoRA state of a session (Dynamo's default: 8)
CompiledForward = Callable[..., object]
Compile = Callable[[torch.nn.Module], CompiledForward]


class FastModeUnavailableError(LocalAIError):
	"""--fast on a machine without a CUDA GPU."""


def compile_reduce_overhead(module: torch.nn.Module) -> CompiledForward:
	"""Inductor with CUDA graphs, one graph for the whole UNet, each shape its own (never a dynamic shape)."""
	return torch.compile(module, mode='reduce-overhead', fullgraph=True, dynamic=False)


def use_compile_cache(folder: Path) -> None:
	"""Inductor's FX graph and autotuning caches and Triton's kernels under `folder`: a second start reads what the
	first compiled. Set before the first compile (Inductor reads these when it compiles)."""
	folder.mkdir(parents=True, exist_ok=True)
	os.environ['TORCHINDUCTOR_CACHE_DIR'] = str(folder / 'inductor')
	os.environ['TRITON_CACHE_DIR'] = str(folder / 'triton')
	os.environ['TORCHINDUCTOR_FX_GRAPH_CACHE'] = '1'
	os.environ['TORCHINDUCTOR_AUTOGRAD_CACHE'] = '1'


def check_fast_device(device: torch.device) -> None:
	"""Refuse --fast where it cannot help: the flag was asked for, so silently ignoring it would mislead."""
	if device.type != 'cuda':
		raise FastModeUnavailableError(
			f'--fast needs a CUDA GPU; this machine runs on {device.type}. Start without --fast.'
		)


def allow_recompiles() -> None:
	"""One graph per bucket and per LoRA state share the UNet's code object: Dynamo's limit of 8 is too few."""
	dynamo_config.recompile_limit = max(dynamo_config.recompile_limit, RECOMPILE_LIMIT)
