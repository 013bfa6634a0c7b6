"""Running a spandrel image model over an image tile by tile, so device memory depends on the tile, not the image.

The image stays on the CPU as 8-bit pixels; each tile goes to the model's device and dtype, runs, and its kept part
comes back rounded to 8 bits into the output. One pass is the same code with a single tile.
"""

import torch
from spandrel import ImageModelDescriptor, ModelTiling

from localai_ui.cores.upscale.tile_plan import TileSpan, tile_spans
from localai_ui.schemas.upscalers import UpscaleError


def run_tiled(
	model: ImageModelDescriptor[torch.nn.Module], pixels: torch.Tensor, tile: int | None, overlap: int
) -> torch.Tensor:
	"""`pixels` (H, W, C) uint8 on the CPU -> (H*scale, W*scale, C) uint8 on the CPU; `tile` None: one pass."""
	height, width, channels = pixels.shape
	if tile is not None and tile < 1:
		raise UpscaleError(f'tile size {tile} px: use at least 1 px, or no tiling')
	if model.tiling == ModelTiling.INTERNAL:
		tile = None
	if channels != model.input_channels:
		raise UpscaleError(f'the model takes {model.input_channels} channels, the image has {channels}')
	requirements = model.size_requirements
	if tile is not None:
		tile = max(tile, requirements.minimum)
	scale = model.scale
	output = torch.empty((height * scale, width * scale, model.output_channels), dtype=torch.uint8)
	rows = tile_spans(height, tile, overlap, requirements.multiple_of)
	columns = tile_spans(width, tile, overlap, requirements.multiple_of)
	for row in rows:
		for column in columns:
			piece = pixels[row.start : row.end, column.start : column.end]
			kept = _run_piece(model, piece, tile)[_kept(row, scale), _kept(column, scale)]
			output[
				row.keep_start * scale : row.keep_end * scale, column.keep_start * scale : column.keep_end * scale
			] = kept
	return output


def _kept(span: TileSpan, scale: int) -> slice:
	return slice((span.keep_start - span.start) * scale, (span.keep_end - span.start) * scale)


def _run_piece(model: ImageModelDescriptor[torch.nn.Module], piece: torch.Tensor, tile: int | None) -> torch.Tensor:
	"""One (h, w, C) uint8 piece through the model: (h*scale, w*scale, C) uint8 on the CPU."""
	with torch.inference_mode():
		batch = piece.permute(2, 0, 1).unsqueeze(0).to(model.device, torch.float32).div_(255).to(model.dtype)
		try:
			result = model(batch)
		except torch.OutOfMemoryError as error:
			where = f'tiles of {tile} px' if tile is not None else 'one pass (no tiling)'
			raise UpscaleError(
				f'out of memory running {model.architecture.name} with {where}: use smaller tiles'
			) from error
		return result[0].float().mul_(255).round_().clamp_(0, 255).to(torch.uint8).permute(1, 2, 0).cpu()
