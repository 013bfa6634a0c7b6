"""'Only masked': the crop region around the mask, the crop at the generation size, and the paste back."""

import numpy as np
import pytest
from PIL import Image

from localai_ui.cores.images import crop_for_inpaint, crop_region, paste_back, prepare_mask
from localai_ui.schemas.image_edits import Box, ImageEditError, MaskError
from tests.images.pictures import box_mask, noise_image, pixels

SIZE = (256, 192)


def assert_inside_with_aspect(region: Box, target: tuple[int, int]) -> None:
	"""`region` lies inside SIZE and has the target's width:height within a pixel of rounding."""
	assert 0 <= region.left < region.right <= SIZE[0]
	assert 0 <= region.top < region.bottom <= SIZE[1]
	assert abs(region.width - region.height * target[0] / target[1]) <= 1


@pytest.mark.parametrize('target', [(512, 768), (768, 512), (512, 512)])
def test_a_mask_in_a_corner_gives_a_region_inside_the_image_with_the_target_aspect(target: tuple[int, int]) -> None:
	for box in ((0, 0, 12, 10), (240, 180, 256, 192)):
		region = crop_region(box_mask(SIZE, box), 16, *target)
		assert_inside_with_aspect(region, target)
		assert region.left <= max(box[0] - 16, 0) and region.right >= min(box[2] + 16, SIZE[0])
		assert region.top <= max(box[1] - 16, 0) and region.bottom >= min(box[3] + 16, SIZE[1])


def test_the_region_is_the_padded_box_grown_evenly_around_a_central_mask() -> None:
	region = crop_region(box_mask(SIZE, (100, 80, 140, 100)), 10, 512, 512)
	assert region == Box(left=90, top=60, right=150, bottom=120)


def test_a_region_wider_than_the_image_allows_is_clipped_to_the_image() -> None:
	region = crop_region(box_mask(SIZE, (10, 10, 240, 30)), 8, 64, 512)
	assert (region.left, region.right) == (2, 248)
	assert region.height == SIZE[1]


def test_crop_region_refuses_bad_padding_and_an_empty_mask() -> None:
	for padding in (-1, 257):
		with pytest.raises(ImageEditError, match=f'padding {padding} is out of range; use 0 to 256'):
			crop_region(box_mask(SIZE, (0, 0, 4, 4)), padding, 512, 512)
	with pytest.raises(MaskError, match='the mask is empty'):
		crop_region(Image.new('L', SIZE, 0), 32, 512, 512)


def test_crop_for_inpaint_cuts_the_region_and_stretches_it_to_the_generation_size() -> None:
	image, mask = noise_image(*SIZE, seed=13), box_mask(SIZE, (100, 80, 140, 100))
	region = Box(left=90, top=60, right=150, bottom=120)
	same_image, same_mask = crop_for_inpaint(image, mask, region, 60, 60)
	assert np.array_equal(pixels(same_image), pixels(image)[60:120, 90:150])
	assert np.array_equal(pixels(same_mask), pixels(mask)[60:120, 90:150])
	big_image, big_mask = crop_for_inpaint(image, mask, region, 96, 96)
	assert (big_image.size, big_image.mode, big_mask.size, big_mask.mode) == ((96, 96), 'RGB', (96, 96), 'L')
	with pytest.raises(ImageEditError, match='crop region .* is not a box inside the 256x192 image'):
		crop_for_inpaint(image, mask, Box(left=200, top=0, right=300, bottom=50), 64, 64)


def test_paste_back_whole_picture_keeps_every_pixel_outside_the_blurred_mask() -> None:
	original, generated = noise_image(*SIZE, seed=14), noise_image(*SIZE, seed=15)
	prepared = prepare_mask(box_mask(SIZE, (60, 40, 120, 90)), SIZE, blur=4)
	for mask in (prepared.blurred, prepared.overlay):
		weights = pixels(mask)
		result = pixels(paste_back(original, generated, mask, None))
		assert np.array_equal(result[weights == 0], pixels(original)[weights == 0])
		assert np.array_equal(result[weights == 255], pixels(generated)[weights == 255])
		between = (weights > 0) & (weights < 255)
		assert not np.array_equal(result[between], pixels(original)[between])


def test_paste_back_only_masked_puts_the_result_at_the_crop_position() -> None:
	original = noise_image(*SIZE, seed=16)
	prepared = prepare_mask(box_mask(SIZE, (180, 120, 220, 150)), SIZE, blur=3)
	region = crop_region(prepared.blurred, 8, 96, 64)
	generated = Image.new('RGB', (96, 64), (255, 0, 255))
	result = pixels(paste_back(original, generated, prepared.blurred, region))
	weights = pixels(prepared.blurred)
	assert np.array_equal(result[weights == 0], pixels(original)[weights == 0])
	assert np.all(result[weights == 255] == (255, 0, 255))
	assert int((weights == 255).sum()) > 200


def test_crop_then_paste_back_of_the_untouched_crop_changes_nothing() -> None:
	original = noise_image(*SIZE, seed=17)
	prepared = prepare_mask(box_mask(SIZE, (30, 30, 70, 60)), SIZE, blur=4)
	region = crop_region(prepared.blurred, 32, 128, 96)
	cropped, _ = crop_for_inpaint(original, prepared.blurred, region, region.width, region.height)
	assert np.array_equal(pixels(paste_back(original, cropped, prepared.blurred, region)), pixels(original))


def test_paste_back_refuses_mismatched_sizes_naming_them() -> None:
	original, mask = noise_image(*SIZE, seed=18), box_mask(SIZE, (0, 0, 8, 8))
	with pytest.raises(ImageEditError, match='generated image is 64x64 but the original is 256x192'):
		paste_back(original, noise_image(64, 64, seed=19), mask, None)
	with pytest.raises(MaskError, match='the mask is 8x8 but the image is 256x192'):
		paste_back(original, original, Image.new('L', (8, 8), 255), None)
