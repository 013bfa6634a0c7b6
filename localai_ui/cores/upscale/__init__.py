"""Upscaling: spandrel models (ESRGAN, Real-ESRGAN, SwinIR, DAT, SPAN...) run in tiles, and A1111's PIL resamplers."""

from localai_ui.cores.upscale.device_defaults import DEFAULT_OVERLAP, dtype_for, tile_for_free_bytes, tile_size_for
from localai_ui.cores.upscale.model_loading import LoadedUpscaler, load_upscaler
from localai_ui.cores.upscale.one_image import upscale_with
from localai_ui.cores.upscale.upscalers import (
	ModelUpscaler,
	ResampleUpscaler,
	Upscaler,
	model_passes,
	resample_upscalers,
	target_size,
)

__all__ = [
	'DEFAULT_OVERLAP',
	'LoadedUpscaler',
	'ModelUpscaler',
	'ResampleUpscaler',
	'Upscaler',
	'dtype_for',
	'load_upscaler',
	'model_passes',
	'resample_upscalers',
	'target_size',
	'tile_for_free_bytes',
	'tile_size_for',
	'upscale_with',
]
