"""What to tell a user whose run ran out of GPU memory: the lighter mode that would have fitted, and on what card."""

from collections.abc import Mapping

from localai_ui.cores.memory.footprint import RunShape, estimate_peak_bytes
from localai_ui.cores.memory.mode_words import card_size, gigabytes, mode_effect, mode_name, size_words
from localai_ui.schemas.assets import Family
from localai_ui.schemas.system import MemoryMode, MemoryPlan

LIGHTER: Mapping[MemoryMode, MemoryMode] = {MemoryMode.HIGH: MemoryMode.MEDIUM, MemoryMode.MEDIUM: MemoryMode.LOW}


def suggested_mode(plan: MemoryPlan) -> MemoryMode | None:
	"""The lighter mode to offer after a run in `plan` ran out of memory: none in low mode or off CUDA."""
	return LIGHTER.get(plan.mode) if plan.device_type == 'cuda' else None


def out_of_memory_advice(
	plan: MemoryPlan, *, family: Family, width: int, height: int, batch_size: int, vram_bytes: int | None
) -> str:
	"""One message naming the mode that failed, the size, and what to use instead (a lighter mode or a smaller run).

	`vram_bytes` is the GPU's total memory, used to say whether the suggestion fits this card.
	"""
	size = size_words(width, height, batch_size)
	smaller = 'a smaller size' + (' or batch size 1' if batch_size > 1 else '')
	if plan.device_type != 'cuda':
		return f'Out of memory on the {plan.device_type.upper()} at {size}: close other programs or try {smaller}.'
	failed = f'Out of memory in {plan.mode.value} mode at {size}'
	shape = RunShape(width, height, batch_size, vae_slicing=True, vae_tiling=True)
	lighter = suggested_mode(plan)
	if lighter is None:
		need = estimate_peak_bytes(MemoryMode.LOW, family, shape)
		return (
			f'{failed}, the lightest mode (about {gigabytes(need)} needed): try {smaller}, or a GPU with more memory.'
		)
	need = estimate_peak_bytes(lighter, family, shape)
	advice = f'{failed}; {mode_name(lighter)} {mode_effect(lighter)}, and fits {card_size(need)} GB cards'
	if vram_bytes is not None and need > vram_bytes:
		advice += f', but this GPU has {gigabytes(vram_bytes)}: try {smaller}'
	return advice + '.'
