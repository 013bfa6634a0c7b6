"""The planner over a table of GPU sizes, families and image sizes, plus its invariants and refusals."""

from typing import cast

import pytest

from localai_ui.cores.memory import RunShape, estimate_peak_bytes, plan_memory
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import DeviceType, MemoryMode, MemoryPlan, MemoryRequest

GIB = 1 << 30
HIGH, MEDIUM, LOW = MemoryMode.HIGH, MemoryMode.MEDIUM, MemoryMode.LOW
HEAVIER = {MEDIUM: HIGH, LOW: MEDIUM}


def auto(family: Family, size: int, vram_gib: int | None, batch: int = 1) -> MemoryPlan:
	device: DeviceType = 'cpu' if vram_gib is None else 'cuda'
	free = None if vram_gib is None else vram_gib * GIB
	return plan_memory(
		'auto', family=family, device_type=device, free_vram_bytes=free, width=size, height=size, batch_size=batch
	)


# (family, size, batch, free GiB or None for CPU) -> (mode, VAE tiling)
TABLE = [
	(Family.SD1, 512, 1, None, HIGH, False),
	(Family.SD1, 512, 1, 2, LOW, False),
	(Family.SD1, 512, 1, 3, MEDIUM, False),
	(Family.SD1, 512, 1, 4, HIGH, False),
	(Family.SD1, 512, 1, 6, HIGH, False),
	(Family.SD1, 512, 4, 4, HIGH, False),
	(Family.SD1, 2048, 1, None, HIGH, True),
	(Family.SD1, 2048, 1, 4, LOW, True),
	(Family.SD1, 2048, 1, 6, HIGH, True),
	(Family.SD1, 2048, 1, 80, HIGH, True),
	(Family.SD2, 768, 1, 4, HIGH, True),
	(Family.SD2, 768, 1, 6, HIGH, False),
	(Family.SD2, 2048, 1, 6, MEDIUM, True),
	(Family.SD2, 2048, 1, 8, HIGH, True),
	(Family.SDXL, 1024, 1, None, HIGH, False),
	(Family.SDXL, 1024, 1, 6, LOW, False),
	(Family.SDXL, 1024, 1, 8, MEDIUM, False),
	(Family.SDXL, 1024, 1, 12, HIGH, False),
	(Family.SDXL, 1024, 1, 24, HIGH, False),
	(Family.SDXL, 1024, 1, 80, HIGH, False),
	(Family.SDXL, 1024, 4, 8, MEDIUM, False),
	(Family.SDXL, 2048, 1, 8, MEDIUM, True),
	(Family.SDXL, 2048, 1, 12, HIGH, True),
]


@pytest.mark.parametrize(('family', 'size', 'batch', 'vram', 'mode', 'tiling'), TABLE)
def test_auto_table(family: Family, size: int, batch: int, vram: int | None, mode: MemoryMode, tiling: bool) -> None:
	plan = auto(family, size, vram, batch)
	assert (plan.mode, plan.vae_tiling) == (mode, tiling)
	assert plan.vae_slicing == (batch > 1)
	assert plan.model_cpu_offload == (mode == MEDIUM)
	assert plan.sequential_cpu_offload == plan.attention_slicing == (mode == LOW)
	if vram is None:
		assert plan.device_type == 'cpu' and plan.estimated_peak_bytes is None
		return
	assert plan.estimated_peak_bytes is not None and plan.estimated_peak_bytes <= vram * GIB
	assert f'{vram}.0 GB free' in plan.reason and mode.value in plan.reason
	if mode in HEAVIER:  # auto keeps the heaviest mode that fits: the next heavier one must not
		shape = RunShape(size, size, batch, vae_slicing=batch > 1, vae_tiling=True)
		assert estimate_peak_bytes(HEAVIER[mode], family, shape) > vram * GIB


def test_more_memory_never_picks_a_lighter_mode() -> None:
	order = [HIGH, MEDIUM, LOW]
	for family, size in ((Family.SD1, 512), (Family.SD2, 768), (Family.SDXL, 1024), (Family.SDXL, 2048)):
		modes = [auto(family, size, gib).mode for gib in (1, 2, 3, 4, 6, 8, 10, 12, 16, 24, 48, 80)]
		assert [order.index(mode) for mode in modes] == sorted((order.index(mode) for mode in modes), reverse=True)


def test_sdxl_on_4_gb_says_it_will_not_fit() -> None:
	plan = auto(Family.SDXL, 1024, 4, batch=2)
	assert plan.mode == LOW and plan.estimated_peak_bytes is not None and plan.estimated_peak_bytes > 4 * GIB
	assert 'may run out of memory' in plan.reason and 'smaller size or batch size 1' in plan.reason


def test_a1111_weights_figures() -> None:
	"""SD1.5 fp16 weighs ~2.1 GB and SDXL ~6.9 GB: high mode needs at least that, medium at least the UNet."""
	shape = RunShape(64, 64, 1, vae_slicing=False, vae_tiling=False)
	assert 3.1e9 < estimate_peak_bytes(HIGH, Family.SD1, shape) < 3.3e9
	assert 8.1e9 < estimate_peak_bytes(HIGH, Family.SDXL, shape) < 8.3e9
	assert estimate_peak_bytes(MEDIUM, Family.SDXL, shape) < estimate_peak_bytes(HIGH, Family.SDXL, shape)
	assert estimate_peak_bytes(LOW, Family.SDXL, shape) < estimate_peak_bytes(MEDIUM, Family.SD1, shape)


@pytest.mark.parametrize(('requested', 'mode'), [('high', HIGH), ('medium', MEDIUM), ('low', LOW)])
def test_explicit_mode_is_kept(requested: MemoryRequest, mode: MemoryMode) -> None:
	plan = plan_memory(
		requested,
		family=Family.SDXL,
		device_type='cuda',
		free_vram_bytes=8 * GIB,
		width=1024,
		height=1024,
		batch_size=1,
	)
	assert plan.mode == mode
	assert plan.reason.startswith(f'{mode.value.capitalize()} mode')
	assert ('may run out of memory' in plan.reason) == (mode == HIGH)
	assert ('would fit' in plan.reason) == (mode == LOW)  # medium fits 8 GB and is faster than low


def test_explicit_mode_with_unknown_free_memory() -> None:
	plan = plan_memory(
		'medium', family=Family.SD1, device_type='cuda', free_vram_bytes=None, width=512, height=512, batch_size=1
	)
	assert plan.mode == MEDIUM and plan.model_cpu_offload and 'free' not in plan.reason


def test_auto_with_unknown_free_memory_keeps_the_model_on_the_gpu() -> None:
	plan = plan_memory(
		'auto', family=Family.SDXL, device_type='cuda', free_vram_bytes=None, width=1024, height=1024, batch_size=1
	)
	assert plan.mode == HIGH and 'unknown' in plan.reason


def test_cpu_ignores_offload_requests_and_tiles_2048() -> None:
	plan = plan_memory(
		'low', family=Family.SD1, device_type='cpu', free_vram_bytes=None, width=2048, height=2048, batch_size=2
	)
	assert not plan.model_cpu_offload and not plan.sequential_cpu_offload and not plan.attention_slicing
	assert plan.vae_tiling and plan.vae_slicing
	assert 'applies to CUDA GPUs only' in plan.reason
	small = plan_memory(
		'auto', family=Family.SD1, device_type='cpu', free_vram_bytes=None, width=1536, height=1536, batch_size=1
	)
	assert not small.vae_tiling


@pytest.mark.parametrize(('unified_gib', 'slicing'), [(None, True), (16, True), (96, False)])
def test_mps_slices_attention_below_64_gb(unified_gib: int | None, slicing: bool) -> None:
	free = None if unified_gib is None else unified_gib * GIB
	plan = plan_memory(
		'auto', family=Family.SDXL, device_type='mps', free_vram_bytes=free, width=1024, height=1024, batch_size=1
	)
	assert plan.attention_slicing == slicing and not plan.model_cpu_offload and 'Apple MPS' in plan.reason


def test_refusals_name_the_bad_value() -> None:
	with pytest.raises(InvalidRequestError, match="'unknown'"):
		plan_memory(
			'auto', family=Family.UNKNOWN, device_type='cuda', free_vram_bytes=GIB, width=512, height=512, batch_size=1
		)
	with pytest.raises(InvalidRequestError, match='size 0x512, batch 1'):
		plan_memory(
			'auto', family=Family.SD1, device_type='cuda', free_vram_bytes=GIB, width=0, height=512, batch_size=1
		)
	with pytest.raises(InvalidRequestError, match="'max'.*auto, high, medium, low"):
		plan_memory(
			cast(MemoryRequest, 'max'),
			family=Family.SD1,
			device_type='cpu',
			free_vram_bytes=None,
			width=8,
			height=8,
			batch_size=1,
		)
