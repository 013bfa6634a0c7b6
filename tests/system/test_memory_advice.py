"""Family recommendations by VRAM, out-of-memory advice, and --memory / --medvram / --lowvram resolution."""

import pytest

from localai_ui.cores.memory import flag_memory_mode, out_of_memory_advice, plan_memory, recommend_families
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MemoryMode, MemoryRequest

GIB = 1 << 30
HIGH, MEDIUM, LOW = MemoryMode.HIGH, MemoryMode.MEDIUM, MemoryMode.LOW


@pytest.mark.parametrize(
	('vram_gib', 'expected'),
	[
		(2, [(Family.SD1, LOW)]),
		(4, [(Family.SD1, HIGH), (Family.SD2, HIGH)]),
		(6, [(Family.SD1, HIGH), (Family.SD2, HIGH)]),
		(8, [(Family.SDXL, MEDIUM), (Family.SD1, HIGH), (Family.SD2, HIGH)]),
		(12, [(Family.SDXL, HIGH), (Family.SD1, HIGH), (Family.SD2, HIGH)]),
		(24, [(Family.SDXL, HIGH), (Family.SD1, HIGH), (Family.SD2, HIGH)]),
		(80, [(Family.SDXL, HIGH), (Family.SD1, HIGH), (Family.SD2, HIGH)]),
	],
)
def test_recommendations_by_vram(vram_gib: int, expected: list[tuple[Family, MemoryMode]]) -> None:
	advice = recommend_families(vram_gib * GIB)
	assert [(item.family, item.mode) for item in advice] == expected
	for item in advice:
		assert item.label == item.family.label and 'GB at' in item.why
	if (Family.SDXL, MEDIUM) in expected:
		assert "A1111's --medvram" in advice[0].why


def test_cpu_only_recommends_sd1_with_a_speed_note() -> None:
	[only] = recommend_families(None)
	assert only.family == Family.SD1 and 'CPU' in only.why and 'minutes per image' in only.why


def _plan(requested: MemoryRequest, family: Family, size: int, free_gib: int, batch: int = 1) -> str:
	plan = plan_memory(
		requested,
		family=family,
		device_type='cuda',
		free_vram_bytes=free_gib * GIB,
		width=size,
		height=size,
		batch_size=batch,
	)
	return out_of_memory_advice(
		plan, family=family, width=size, height=size, batch_size=batch, vram_bytes=free_gib * GIB
	)


def test_oom_in_high_names_medium_and_the_card_it_fits() -> None:
	advice = _plan('high', Family.SDXL, 1024, 8)
	assert advice.startswith('Out of memory in high mode at 1024x1024; ')
	assert "medium mode (--memory medium, A1111's --medvram) keeps the model in RAM" in advice
	assert 'fits 8 GB cards' in advice and 'but this GPU' not in advice


def test_oom_in_medium_names_low_and_says_when_this_card_is_still_too_small() -> None:
	advice = _plan('medium', Family.SDXL, 1024, 4)
	assert "low mode (--memory low, A1111's --lowvram)" in advice and 'fits 6 GB cards' in advice
	assert 'but this GPU has 4.0 GB: try a smaller size' in advice


def test_oom_in_low_suggests_a_smaller_run() -> None:
	advice = _plan('low', Family.SDXL, 1024, 4, batch=2)
	assert advice.startswith('Out of memory in low mode at 1024x1024, batch 2, the lightest mode')
	assert 'smaller size or batch size 1' in advice


def test_oom_on_the_cpu() -> None:
	plan = plan_memory(
		'auto', family=Family.SD1, device_type='cpu', free_vram_bytes=None, width=2048, height=2048, batch_size=1
	)
	advice = out_of_memory_advice(plan, family=Family.SD1, width=2048, height=2048, batch_size=1, vram_bytes=None)
	assert advice == 'Out of memory on the CPU at 2048x2048: close other programs or try a smaller size.'


@pytest.mark.parametrize(
	('memory', 'medvram', 'lowvram', 'expected'),
	[
		(None, False, False, 'auto'),
		(None, True, False, 'medium'),
		(None, False, True, 'low'),
		('high', True, False, 'high'),
		('auto', False, True, 'auto'),
		(' Medium ', False, False, 'medium'),
		('low', True, True, 'low'),
	],
)
def test_memory_flags(memory: str | None, medvram: bool, lowvram: bool, expected: MemoryRequest) -> None:
	assert flag_memory_mode(memory, medvram, lowvram) == expected


def test_conflicting_a1111_flags_are_refused() -> None:
	with pytest.raises(InvalidRequestError, match='--medvram and --lowvram were both given'):
		flag_memory_mode(None, True, True)


def test_unknown_memory_value_names_it_and_the_choices() -> None:
	with pytest.raises(InvalidRequestError, match=r"--memory 'max' is unknown; use one of auto, high, medium, low"):
		flag_memory_mode('max', False, False)
