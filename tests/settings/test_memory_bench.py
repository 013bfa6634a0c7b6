"""bench/memory_modes.py on a machine without CUDA: it says it skipped and succeeds, bad modes are named, and the
savers it turns on in raw diffusers are the planner's, by diffusers' own method names."""

import pytest
from diffusers import AutoencoderKL, StableDiffusionXLPipeline

from bench.memory_modes import diffusers_savers, main
from localai_ui.cores.memory import plan_memory
from localai_ui.schemas.assets import Family
from localai_ui.schemas.system import MemoryRequest


def test_without_cuda_the_bench_skips_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
	assert main([], cuda_available=lambda: False) == 0
	assert 'skipped, no CUDA GPU here' in capsys.readouterr().out


def test_an_unknown_mode_is_named_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
	with pytest.raises(SystemExit):
		main(['--modes', 'high,huge'], cuda_available=lambda: True)
	assert "--modes 'high,huge'" in capsys.readouterr().err


@pytest.mark.parametrize(
	('mode', 'methods'),
	[
		('high', []),
		('medium', ['enable_model_cpu_offload']),
		('low', ['enable_sequential_cpu_offload', 'enable_attention_slicing']),
	],
)
def test_raw_diffusers_gets_the_savers_the_planner_chose(mode: MemoryRequest, methods: list[str]) -> None:
	"""The names the bench calls on raw diffusers exist there (a typo would only show on the GPU machine)."""
	plan = plan_memory(
		mode, family=Family.SDXL, device_type='cuda', free_vram_bytes=80 << 30, width=1024, height=1024, batch_size=1
	)
	assert diffusers_savers(plan) == methods
	assert all(callable(getattr(StableDiffusionXLPipeline, method, None)) for method in methods)
	assert all(callable(getattr(AutoencoderKL, method, None)) for method in ('enable_tiling', 'enable_slicing'))
