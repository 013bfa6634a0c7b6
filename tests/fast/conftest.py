"""Fast mode on the CPU: the real dispatcher, background compiler and manager, with torch.compile's eager backend
(and a backend that counts the graphs Dynamo traces) in place of Inductor and CUDA graphs."""

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import torch

from localai_ui.cores.fast.compile_setup import CompiledForward
from localai_ui.cores.fast.mode import FastOptions
from localai_ui.cores.loading.device import plan_device
from localai_ui.cores.pipeline.manager import PipelineManager
from tests.cores.jobs import new_applier
from tests.loras.lora_builders import kohya_lora, kohya_metadata, write_lora
from tests.tiny_models import build_sd1


class CountingCompile:
	"""torch.compile with a backend that counts traced graphs; counts compiled calls; can fail on purpose."""

	def __init__(self, fail: bool = False) -> None:
		self.fail = fail
		self.compiles = 0
		self.traces = 0
		self.calls = 0

	def backend(self, graph: torch.fx.GraphModule, inputs: Sequence[torch.Tensor]) -> Callable[..., object]:
		self.traces += 1
		return graph.forward

	def __call__(self, module: torch.nn.Module) -> CompiledForward:
		self.compiles += 1
		compiled = torch.compile(module, backend=self.backend, fullgraph=True, dynamic=False)

		def counted(*args: object, **kwargs: object) -> object:
			if self.fail:
				raise RuntimeError('inductor failed on purpose')
			output = compiled(*args, **kwargs)
			self.calls += 1  # counted once it ran: a call refused for a retrace does not count
			return output

		return counted


def fast_manager(compile_fn: CountingCompile) -> PipelineManager:
	"""No cache folder: the process environment stays as it was (test_fast_flag checks the folder)."""
	return PipelineManager(plan_device('cpu'), new_applier(), fast=FastOptions(None, compile_fn))


@pytest.fixture
def counting() -> CountingCompile:
	return CountingCompile()


@pytest.fixture
def manager(counting: CountingCompile) -> PipelineManager:
	return fast_manager(counting)


@pytest.fixture(scope='module')
def eager_manager() -> PipelineManager:
	"""The same app path without --fast, for the reference pixels."""
	return PipelineManager(plan_device('cpu'), new_applier())


@pytest.fixture(scope='session')
def fast_loras(tmp_path_factory: pytest.TempPathFactory) -> Path:
	"""sd1_a and sd1_b, two kohya LoRAs for the tiny SD1 model."""
	folder = tmp_path_factory.mktemp('fast_loras')
	sd1, metadata = build_sd1(), kohya_metadata('sd_v1')
	write_lora(folder / 'sd1_a.safetensors', kohya_lora(sd1, seed=1), metadata)
	write_lora(folder / 'sd1_b.safetensors', kohya_lora(sd1, seed=5), metadata)
	return folder
