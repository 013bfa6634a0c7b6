"""Masks: from an ImageEditor stroke layer or an uploaded black/white PNG to binary, blurred and overlay masks."""

import io

import numpy as np
import pytest
from PIL import Image

from localai_ui.cores.images import prepare_mask
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.image_edits import ImageEditError, MaskError
from tests.images.pictures import box_mask, pixels

SIZE = (96, 64)
BOX = (20, 10, 70, 50)


def expected_binary() -> np.ndarray[tuple[int, int], np.dtype[np.uint8]]:
	"""255 inside BOX, 0 elsewhere, as the masks below mean it."""
	return pixels(box_mask(SIZE, BOX))


def test_a_stroke_layer_marks_its_opaque_strokes_whatever_their_colour() -> None:
	layer = Image.new('RGBA', SIZE, (0, 0, 0, 0))
	layer.paste((0, 0, 0, 255), BOX)
	layer.paste((255, 255, 255, 100), (0, 0, 10, 10))
	prepared = prepare_mask(layer, SIZE, blur=0)
	assert prepared.binary.mode == 'L'
	assert np.array_equal(pixels(prepared.binary), expected_binary())


def test_an_uploaded_black_and_white_png_marks_the_white_area() -> None:
	buffer = io.BytesIO()
	box_mask(SIZE, BOX).convert('RGB').save(buffer, format='PNG')
	uploaded = Image.open(io.BytesIO(buffer.getvalue()))
	assert np.array_equal(pixels(prepare_mask(uploaded, SIZE, blur=0).binary), expected_binary())


def test_any_bright_colour_on_black_counts_also_in_an_opaque_rgba() -> None:
	opaque = Image.new('RGBA', SIZE, (0, 0, 0, 255))
	opaque.paste((255, 0, 0, 255), BOX)
	assert np.array_equal(pixels(prepare_mask(opaque, SIZE, blur=0).binary), expected_binary())


def test_invert_marks_what_was_not_painted() -> None:
	prepared = prepare_mask(box_mask(SIZE, BOX), SIZE, invert=True, blur=0)
	assert np.array_equal(pixels(prepared.binary), 255 - expected_binary())


def test_blur_makes_a_soft_edge_about_as_wide_as_the_radius() -> None:
	for blur in (2, 4):
		row = pixels(prepare_mask(box_mask(SIZE, BOX), SIZE, blur=blur).blurred)[30].astype(int)
		assert 25 <= row[BOX[0] - blur] <= 90, 'one radius outside the edge: about a sixth'
		assert 100 <= row[BOX[0]] <= 160, 'on the edge: about half'
		assert 190 <= row[BOX[0] + blur] <= 235, 'one radius inside the edge: about five sixths'
		assert row[BOX[0] - 4 * blur] < 8 and row[BOX[0] + 4 * blur] > 247
		soft_per_edge = int(((row > 0) & (row < 255)).sum()) // 2
		assert 3 * blur <= soft_per_edge <= 7 * blur


def test_blur_can_differ_by_axis_and_zero_means_sharp() -> None:
	prepared = prepare_mask(box_mask(SIZE, BOX), SIZE, blur=4, blur_y=0)
	blurred = pixels(prepared.blurred)
	assert set(np.unique(blurred[:, 45]).tolist()) == {0, 255}
	assert 0 < blurred[30, BOX[0]] < 255
	sharp = prepare_mask(box_mask(SIZE, BOX), SIZE, blur=0)
	assert np.array_equal(pixels(sharp.blurred), expected_binary())


def test_the_overlay_shows_the_whole_painted_area_and_fades_outside() -> None:
	prepared = prepare_mask(box_mask(SIZE, BOX), SIZE, blur=4)
	overlay, blurred = pixels(prepared.overlay), pixels(prepared.blurred)
	assert np.all(overlay[30, BOX[0] : BOX[2]] == 255)
	assert np.all(overlay >= blurred)
	assert np.all(overlay[blurred == 0] == 0)
	assert 0 < overlay[30, BOX[0] - 3] < 255


def test_an_empty_mask_is_refused_with_a_message() -> None:
	with pytest.raises(MaskError, match='the mask is empty'):
		prepare_mask(Image.new('RGBA', SIZE, (255, 255, 255, 0)), SIZE)
	with pytest.raises(InvalidRequestError, match='nothing is painted'):
		prepare_mask(Image.new('L', SIZE, 0), SIZE)


def test_inverting_a_full_mask_leaves_nothing_and_is_refused() -> None:
	with pytest.raises(MaskError, match='covers the whole image'):
		prepare_mask(Image.new('L', SIZE, 255), SIZE, invert=True)


def test_a_mask_of_another_size_names_both_sizes() -> None:
	with pytest.raises(MaskError, match='the mask is 96x32 but the image is 96x64'):
		prepare_mask(Image.new('L', (96, 32), 255), SIZE)


@pytest.mark.parametrize(('blur', 'blur_y'), [(-1, None), (65, None), (4, 100)])
def test_a_blur_out_of_range_is_refused(blur: int, blur_y: int | None) -> None:
	with pytest.raises(ImageEditError, match='mask blur .* is out of range; use 0 to 64'):
		prepare_mask(box_mask(SIZE, BOX), SIZE, blur=blur, blur_y=blur_y)
