"""Choose the memory mode and savers of a run, as A1111's --medvram/--lowvram do, from measured figures.

Auto tries high, then medium, then low, and takes the first whose estimate (footprint.py) fits the free VRAM, turning
VAE tiling on first when the decode alone is what does not fit. VAE tiling is always on over 1536x1536 (a whole decode
of 2048x2048 needs ~7 GB in half precision, ~30 GB of RAM in float32 on the CPU); VAE slicing is on for batches over
1; attention slicing comes with low mode. Off CUDA nothing is offloaded: the weights already live in (unified) memory.
"""

from dataclasses import replace

from localai_ui.cores.memory.footprint import RunShape, estimate_peak_bytes, footprint
from localai_ui.cores.memory.mode_words import GIB, gigabytes, mode_effect, mode_name, size_words
from localai_ui.schemas.assets import Family
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.system import MEMORY_REQUESTS, DeviceType, MemoryMode, MemoryPlan, MemoryRequest

LARGE_IMAGE_PIXELS = 1536 * 1536
MPS_ATTENTION_SLICING_BELOW = 64 * GIB  # diffusers advises attention slicing on Macs with less than 64 GB
MODES = (MemoryMode.HIGH, MemoryMode.MEDIUM, MemoryMode.LOW)


def plan_memory(
	requested: MemoryRequest,
	*,
	family: Family,
	device_type: DeviceType,
	free_vram_bytes: int | None,
	width: int,
	height: int,
	batch_size: int,
) -> MemoryPlan:
	"""The plan for one run; an explicit mode is kept even when it will not fit (the reason then says so)."""
	if requested not in MEMORY_REQUESTS:
		raise InvalidRequestError(f'memory mode {requested!r} is unknown; use one of {", ".join(MEMORY_REQUESTS)}')
	if min(width, height, batch_size) < 1:
		raise InvalidRequestError(f'size {width}x{height}, batch {batch_size}: every value must be 1 or more')
	footprint(family)  # an unknown family is refused before anything is planned
	large = width * height > LARGE_IMAGE_PIXELS
	shape = RunShape(width, height, batch_size, vae_slicing=batch_size > 1, vae_tiling=large)
	if device_type != 'cuda':
		return _off_cuda(requested, device_type, free_vram_bytes, shape)
	if requested != 'auto':
		return _explicit(MemoryMode(requested), family, free_vram_bytes, shape)
	if free_vram_bytes is None:
		return _build(MemoryMode.HIGH, family, shape, 'free GPU memory is unknown, so the whole model stays on the GPU')
	for mode in MODES:
		fitted = fit(mode, family, shape, free_vram_bytes)
		if fitted is not None:
			need = gigabytes(estimate_peak_bytes(mode, family, fitted))
			why = f'{mode_name(mode)} {mode_effect(mode)}: about {need} at {size_words(width, height, batch_size)}'
			if mode != MemoryMode.HIGH:
				high = gigabytes(estimate_peak_bytes(MemoryMode.HIGH, family, fitted))
				why = f'{family.label} needs about {high} to stay on the GPU; {why}'
			return _build(mode, family, fitted, f'{gigabytes(free_vram_bytes)} free. {why[0].upper()}{why[1:]}')
	tiled = lightest(MemoryMode.LOW, family, shape)
	need = gigabytes(estimate_peak_bytes(MemoryMode.LOW, family, tiled))
	smaller = 'a smaller size' + (' or batch size 1' if batch_size > 1 else '')
	why = (
		f'Even {mode_name(MemoryMode.LOW)} needs about {need} at {size_words(width, height, batch_size)}, more than '
		f'the {gigabytes(free_vram_bytes)} free: it may run out of memory; try {smaller}'
	)
	return _build(MemoryMode.LOW, family, tiled, why)


def fit(mode: MemoryMode, family: Family, shape: RunShape, free: int) -> RunShape | None:
	"""The shape that fits `free` in `mode` (with VAE tiling added if that is what it takes), or None."""
	if estimate_peak_bytes(mode, family, shape) <= free:
		return shape
	tiled = lightest(mode, family, shape)
	return tiled if estimate_peak_bytes(mode, family, tiled) <= free else None


def lightest(mode: MemoryMode, family: Family, shape: RunShape) -> RunShape:
	"""`shape` with VAE tiling when tiling lowers the need (it does not below the VAE's tile size)."""
	tiled = replace(shape, vae_tiling=True)
	return tiled if estimate_peak_bytes(mode, family, tiled) < estimate_peak_bytes(mode, family, shape) else shape


def _explicit(mode: MemoryMode, family: Family, free: int | None, shape: RunShape) -> MemoryPlan:
	name = mode_name(mode)
	why = f'{name[0].upper()}{name[1:]} was asked for: it {mode_effect(mode)}'
	if free is None:
		return _build(mode, family, shape, why)
	fitted = fit(mode, family, shape, free)
	if fitted is None:
		tiled = lightest(mode, family, shape)
		need = gigabytes(estimate_peak_bytes(mode, family, tiled))
		why += f'; it needs about {need} and {gigabytes(free)} is free, so it may run out of memory'
		return _build(mode, family, tiled, why)
	faster = next((higher for higher in MODES[: MODES.index(mode)] if fit(higher, family, shape, free)), None)
	if faster is not None:
		why += f'; {mode_name(faster)} would fit in the {gigabytes(free)} free and run faster'
	return _build(mode, family, fitted, why)


def _off_cuda(requested: MemoryRequest, device: DeviceType, free: int | None, shape: RunShape) -> MemoryPlan:
	where = 'On the CPU the model runs from RAM' if device == 'cpu' else 'On Apple MPS the model is in unified memory'
	why = f'{where}, so nothing is offloaded'
	if requested in ('medium', 'low'):
		why += f'; --memory {requested} applies to CUDA GPUs only'
	slice_attention = device == 'mps' and (free is None or free < MPS_ATTENTION_SLICING_BELOW)
	return MemoryPlan(
		mode=MemoryMode.HIGH,
		device_type=device,
		vae_tiling=shape.vae_tiling,
		vae_slicing=shape.vae_slicing,
		attention_slicing=slice_attention,
		model_cpu_offload=False,
		sequential_cpu_offload=False,
		reason=why + _saver_notes(shape, slice_attention),
	)


def _build(mode: MemoryMode, family: Family, shape: RunShape, why: str) -> MemoryPlan:
	low = mode == MemoryMode.LOW
	return MemoryPlan(
		mode=mode,
		device_type='cuda',
		vae_tiling=shape.vae_tiling,
		vae_slicing=shape.vae_slicing,
		attention_slicing=low,
		model_cpu_offload=mode == MemoryMode.MEDIUM,
		sequential_cpu_offload=low,
		reason=why + _saver_notes(shape, low),
		estimated_peak_bytes=estimate_peak_bytes(mode, family, shape),
	)


def _saver_notes(shape: RunShape, attention_slicing: bool) -> str:
	notes = ['.']
	if shape.vae_tiling:
		notes.append(' The VAE decodes in tiles.')
	if shape.vae_slicing:
		notes.append(' The VAE decodes one image of the batch at a time.')
	if attention_slicing:
		notes.append(' Attention is computed in slices.')
	return ''.join(notes)
