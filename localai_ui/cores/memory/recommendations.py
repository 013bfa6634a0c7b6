"""Which model families suit a GPU of a given size, best first, and the memory mode each would run in."""

from localai_ui.cores.memory.footprint import footprint
from localai_ui.cores.memory.mode_words import gigabytes, mode_name
from localai_ui.cores.memory.planner import plan_memory
from localai_ui.schemas.assets import Family
from localai_ui.schemas.system import FamilyAdvice, MemoryMode

BEST_FIRST = (Family.SDXL, Family.SD1, Family.SD2)
CPU_ADVICE = FamilyAdvice(
	family=Family.SD1,
	mode=MemoryMode.HIGH,
	why=(
		'No CUDA GPU: models run on the CPU in float32, which takes seconds per step and minutes per image at '
		'512x512. SD 1.x is the lightest family; SDXL needs about 14 GB of RAM and is far slower.'
	),
)


MPS_ADVICE = (
	FamilyAdvice(
		family=Family.SD1,
		mode=MemoryMode.HIGH,
		why="Apple MPS shares the Mac's memory: SD 1.x runs well with 8 GB or more of unified memory.",
	),
	FamilyAdvice(
		family=Family.SDXL,
		mode=MemoryMode.HIGH,
		why='SDXL needs about 16 GB of unified memory and runs a few times slower than SD 1.x.',
	),
)


def recommend_families(vram_bytes: int | None, *, mps: bool = False) -> list[FamilyAdvice]:
	"""Families that run in high or medium mode on `vram_bytes` of GPU memory at their native size; SD 1.x is
	always offered (in low mode when nothing else fits). None means no CUDA GPU: Apple MPS, else the CPU."""
	if vram_bytes is None:
		return list(MPS_ADVICE) if mps else [CPU_ADVICE]
	advice: list[FamilyAdvice] = []
	for family in BEST_FIRST:
		size = footprint(family).native_size
		plan = plan_memory(
			'auto', family=family, device_type='cuda', free_vram_bytes=vram_bytes, width=size, height=size, batch_size=1
		)
		need = gigabytes(plan.estimated_peak_bytes or 0)
		if plan.mode == MemoryMode.HIGH:
			why = f'fits entirely on the GPU: about {need} at {size}x{size}'
		elif plan.mode == MemoryMode.MEDIUM:
			why = f'runs in {mode_name(plan.mode)}: about {need} at {size}x{size}, a little slower than high'
		elif family == Family.SD1:
			why = f'only {mode_name(plan.mode)} fits: about {need} at {size}x{size}, several times slower'
		else:
			continue
		advice.append(FamilyAdvice(family=family, mode=plan.mode, why=why))
	return advice


def advice_lines(advice: list[FamilyAdvice]) -> list[str]:
	"""One line a family, best first: '**SDXL** (medium mode ...): runs in ...'."""
	return [f'**{item.label}** ({mode_name(item.mode)}): {item.why}' for item in advice]
