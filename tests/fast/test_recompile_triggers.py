"""What recompiles and what does not: a LoRA set or weight change keeps every bucket and never compiles inside a
run; a new model, or the weights moving to another dtype, compiles again."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from localai_ui.cores.fast.buckets import Bucket, Inputs, bucket_of, cloned, placement_of
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.schemas.assets import Family
from localai_ui.schemas.progress import GenerationJob, RunStatus
from tests.cores.jobs import pixels, result_of, run_all, tiny_info, tiny_job
from tests.fast.conftest import CountingCompile
from tests.fast.test_fast_runs import GUIDED_CALLS, STEPS, dispatcher_of, settle
from tests.loras.lora_builders import lora_spec


def with_lora(job: GenerationJob, folder: Path, name: str, weight: float) -> GenerationJob:
	return replace(job, loras=(lora_spec(folder, name, weight),))


def test_a_lora_change_keeps_the_buckets_and_never_compiles_inside_a_run(
	manager: PipelineManager,
	eager_manager: PipelineManager,
	counting: CountingCompile,
	tiny_models_dir: Path,
	fast_loras: Path,
) -> None:
	plain = tiny_job(tiny_info(tiny_models_dir), seed=5, steps=STEPS)
	run_all(manager, plain)
	settle(manager)
	dispatcher = dispatcher_of(manager)
	buckets = set(dispatcher.ready)
	for job in (
		with_lora(plain, fast_loras, 'sd1_a', 1.0),
		with_lora(plain, fast_loras, 'sd1_a', 0.4),  # a weight change
		with_lora(plain, fast_loras, 'sd1_b', 0.4),  # a set change
		plain,  # back to no LoRA: the first graph still serves it
	):
		traces = counting.traces
		result = result_of(run_all(manager, job))
		assert result.status is RunStatus.COMPLETED
		assert counting.traces == traces  # nothing was traced while the run held the device
		reference = result_of(run_all(eager_manager, job))
		assert np.abs(pixels(result.images[0].image) - pixels(reference.images[0].image)).max() <= 1
		settle(manager)
		assert set(dispatcher.ready) == buckets and dispatcher_of(manager) is dispatcher
	assert counting.compiles == 1  # no bucket was dropped: the one torch.compile serves every LoRA state
	calls = counting.calls
	traces = counting.traces
	run_all(manager, with_lora(plain, fast_loras, 'sd1_b', 0.4))  # back to a LoRA state seen before
	assert counting.calls - calls == GUIDED_CALLS and counting.traces == traces  # compiled at once, no retrace


def test_a_new_model_compiles_its_own_buckets(
	manager: PipelineManager, counting: CountingCompile, tiny_models_dir: Path
) -> None:
	run_all(manager, tiny_job(tiny_info(tiny_models_dir), steps=STEPS))
	settle(manager)
	run_all(manager, tiny_job(tiny_info(tiny_models_dir, Family.SDXL), steps=STEPS))
	settle(manager)
	assert counting.compiles == 2
	assert [bucket.family for bucket in dispatcher_of(manager, Family.SDXL).ready] == ['sdxl']


def _unet_call(unet: torch.nn.Module, dtype: torch.dtype) -> Inputs:
	sample = torch.randn(2, 4, 8, 8, dtype=dtype)
	return cloned((sample, torch.tensor(10)), {'encoder_hidden_states': torch.randn(2, 77, 32, dtype=dtype)})


def test_a_dtype_change_drops_every_bucket(
	manager: PipelineManager, counting: CountingCompile, tiny_models_dir: Path
) -> None:
	run_all(manager, tiny_job(tiny_info(tiny_models_dir), steps=STEPS))
	settle(manager)
	dispatcher = dispatcher_of(manager)
	unet = dispatcher.plain.unet
	before = placement_of(unet)
	unet.to(torch.float64)
	assert placement_of(unet) != before
	call = _unet_call(unet, torch.float64)
	unet(*call.args, **call.kwargs)  # eager at once; the dtype change dropped the float32 bucket
	assert dispatcher.ready == {}
	settle(manager)
	assert counting.compiles == 2 and list(dispatcher.ready) == [bucket_of('sd1', call.args, call.kwargs)]


def test_buckets_are_the_exact_shape_of_the_call() -> None:
	sample, context = torch.zeros(2, 4, 64, 96), torch.zeros(2, 154, 768)
	found = bucket_of('sd1', (sample, torch.tensor(1)), {'encoder_hidden_states': context})
	assert found == Bucket('sd1', width=768, height=512, batch=2, channels=4, tokens=154)
	assert found is not None and found.label == '768x512 batch 2'
	assert bucket_of('sd1', (sample,), {}) is None  # not a denoising step: no bucket, eager
	inpaint = bucket_of('sdxl', (torch.zeros(8, 9, 128, 128), 1, context), {})
	assert inpaint == Bucket('sdxl', 1024, 1024, 8, 9, 154)


def test_the_kept_inputs_outlive_the_step_that_made_them() -> None:
	sample = torch.ones(1, 4, 8, 8)
	kept = cloned((sample,), {'added_cond_kwargs': {'time_ids': torch.ones(1, 6)}})
	sample.zero_()
	first = kept.args[0]
	assert isinstance(first, torch.Tensor) and bool(first.eq(1).all())
