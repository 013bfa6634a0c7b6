"""Cutting one image axis into tiles: each tile's own region, and the wider region the model sees around it.

A tile is run with `overlap` pixels of real neighbouring image on each side and only its own region is kept, so a
model whose reach is within `overlap` gives the same pixels tiled as in one pass. Tile starts, sizes and overlaps are
multiples of the model's `multiple_of`, so windowed models (SwinIR, DAT...) see the same window grid as in one pass
and only the tiles at the image's far edge are padded, exactly as the whole image would be.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TileSpan:
	"""Along one axis: the tile's own pixels [`keep_start`, `keep_end`) inside the model input [`start`, `end`)."""

	start: int
	end: int
	keep_start: int
	keep_end: int


def tile_spans(length: int, tile: int | None, overlap: int, multiple_of: int = 1) -> list[TileSpan]:
	"""The tiles covering [0, `length`); `tile` None, or not smaller than `length`, is one pass over the whole axis."""
	if length < 1:
		raise ValueError(f'cannot tile an axis of {length} pixels')
	if tile is None or tile >= length:
		return [TileSpan(0, length, 0, length)]
	if tile < 1 or overlap < 0:
		raise ValueError(f'tile {tile} must be at least 1 px and overlap {overlap} at least 0 px')
	step = max(multiple_of, tile // multiple_of * multiple_of)
	context = -(-overlap // multiple_of) * multiple_of
	spans: list[TileSpan] = []
	for keep_start in range(0, length, step):
		keep_end = min(length, keep_start + step)
		spans.append(TileSpan(max(0, keep_start - context), min(length, keep_end + context), keep_start, keep_end))
	return spans
