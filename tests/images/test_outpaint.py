"""Outpainting: a larger canvas filled with the edge colours, and the mask of the new area."""

import numpy as np
import pytest

from localai_ui.cores.images import pad_for_outpaint, prepare_mask
from localai_ui.schemas.image_edits import MAX_SIDE, ImageEditError
from tests.images.pictures import noise_image, pixels


def test_padding_grows_the_canvas_keeps_the_picture_and_masks_only_the_new_area() -> None:
	source = noise_image(64, 48, seed=10)
	canvas, mask = pad_for_outpaint(source, left=16, top=8, bottom=24)
	assert canvas.size == (80, 80)
	assert mask.size == (80, 80)
	grown, masked, original = pixels(canvas), pixels(mask), pixels(source)
	assert np.array_equal(grown[8:56, 16:80], original)
	assert np.all(masked[8:56, 16:80] == 0)
	assert int((masked == 255).sum()) == 80 * 80 - 64 * 48
	assert np.array_equal(grown[8:56, :16], np.broadcast_to(original[:, :1], (48, 16, 3)))
	assert np.array_equal(grown[56:, 16:], np.broadcast_to(original[-1:], (24, 64, 3)))
	assert np.array_equal(grown[0, 0], original[0, 0])
	assert np.array_equal(grown[-1, 0], original[-1, 0])


def test_the_new_area_is_a_mask_inpainting_accepts() -> None:
	canvas, mask = pad_for_outpaint(noise_image(32, 32, seed=11), right=32)
	prepared = prepare_mask(mask, canvas.size, blur=4)
	assert np.all(pixels(prepared.binary)[:, 32:] == 255)
	assert np.all(pixels(prepared.binary)[:, :32] == 0)


def test_bad_sides_are_refused() -> None:
	source = noise_image(16, 16, seed=12)
	with pytest.raises(ImageEditError, match='at least one side'):
		pad_for_outpaint(source)
	with pytest.raises(ImageEditError, match='outpaint top -4 is negative'):
		pad_for_outpaint(source, top=-4, left=8)
	with pytest.raises(ImageEditError, match=f'outpainted canvas {MAX_SIDE + 16}x16 is out of range'):
		pad_for_outpaint(source, right=MAX_SIDE)
