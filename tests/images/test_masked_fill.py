"""Masked content 'fill': the hole takes the colours around it, everything else stays as it was."""

import numpy as np
import pytest
from PIL import Image

from localai_ui.cores.images import fill_masked
from localai_ui.schemas.image_edits import MaskError
from tests.images.pictures import BLUE, GREEN, RED, box_mask, noise_image, pixels, two_tone

SIZE = (128, 96)
HOLE = (40, 30, 90, 70)


def test_fill_keeps_unmasked_pixels_and_paints_the_hole_from_its_surroundings() -> None:
	image = two_tone(*SIZE, RED, BLUE)
	image.paste(GREEN, HOLE)
	mask = box_mask(SIZE, HOLE)
	filled = pixels(fill_masked(image, mask))
	outside = pixels(mask) == 0
	assert np.array_equal(filled[outside], pixels(image)[outside])
	hole = filled[HOLE[1] : HOLE[3], HOLE[0] : HOLE[2]].astype(int)
	assert hole[:, :, 1].max() < 60, 'the green that was in the hole is gone'
	assert np.abs(hole[20, 0] - RED).max() < 40, 'the hole near the red side is red'
	assert np.abs(hole[20, -1] - BLUE).max() < 40, 'the hole near the blue side is blue'


def test_a_hole_in_a_flat_colour_becomes_that_colour() -> None:
	image = Image.new('RGB', SIZE, (90, 140, 200))
	image.paste(noise_image(50, 40, seed=7), HOLE[:2])
	filled = pixels(fill_masked(image, box_mask(SIZE, HOLE))).astype(int)
	assert np.abs(filled - (90, 140, 200)).max() <= 1


def test_a_mask_over_everything_leaves_nothing_to_fill_from() -> None:
	image = noise_image(*SIZE, seed=8)
	assert np.array_equal(pixels(fill_masked(image, Image.new('L', SIZE, 255))), pixels(image))


def test_fill_refuses_a_mask_of_another_size() -> None:
	with pytest.raises(MaskError, match='the mask is 64x64 but the image is 128x96'):
		fill_masked(noise_image(*SIZE, seed=9), Image.new('L', (64, 64), 255))
