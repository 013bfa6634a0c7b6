"""Resize modes: every mode gives the exact target size and puts the picture where A1111 puts it."""

import numpy as np
import pytest
from PIL import Image

from localai_ui.cores.images import resize_image
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.image_edits import MAX_SIDE, ImageEditError, InpaintArea, MaskedContent, ResizeMode
from tests.images.pictures import BLUE, GREEN, RED, noise_image, pixels, two_tone


@pytest.mark.parametrize('mode', list(ResizeMode))
@pytest.mark.parametrize(('source', 'target'), [((200, 100), (100, 100)), ((64, 128), (96, 80)), ((33, 77), (50, 51))])
def test_every_mode_gives_the_exact_target_size(
	mode: ResizeMode, source: tuple[int, int], target: tuple[int, int]
) -> None:
	result = resize_image(noise_image(*source, seed=1), *target, mode)
	assert result.size == target
	assert result.mode == 'RGB'


def test_just_resize_stretches_the_whole_picture() -> None:
	result = pixels(resize_image(two_tone(200, 100, RED, BLUE), 100, 100, ResizeMode.JUST_RESIZE))
	assert np.array_equal(result[50, 10], RED)
	assert np.array_equal(result[50, 90], BLUE)


def test_latent_upscale_is_just_resize_for_pixels() -> None:
	source = noise_image(120, 90, seed=2)
	latent = resize_image(source, 64, 96, ResizeMode.LATENT_UPSCALE)
	assert np.array_equal(pixels(latent), pixels(resize_image(source, 64, 96, ResizeMode.JUST_RESIZE)))


def test_crop_and_resize_keeps_the_centre_of_a_wide_picture() -> None:
	source = noise_image(200, 100, seed=3)
	result = resize_image(source, 100, 100, ResizeMode.CROP_AND_RESIZE)
	assert np.array_equal(pixels(result), pixels(source)[:, 50:150])


def test_crop_and_resize_of_a_tall_picture_cuts_top_and_bottom() -> None:
	source = Image.new('RGB', (100, 200), GREEN)
	source.paste(RED, (0, 0, 100, 50))
	source.paste(BLUE, (0, 150, 100, 200))
	result = pixels(resize_image(source, 50, 50, 'Crop and resize'))
	assert result.shape == (50, 50, 3)
	assert np.abs(result[2:-2].astype(int) - GREEN).max() <= 2


def test_resize_and_fill_fills_the_bands_with_the_edge_rows() -> None:
	source = noise_image(200, 100, seed=4)
	result = pixels(resize_image(source, 100, 100, ResizeMode.RESIZE_AND_FILL))
	fitted = pixels(source.resize((100, 50), Image.Resampling.LANCZOS))
	assert np.array_equal(result[25:75], fitted)
	assert np.array_equal(result[:25], np.broadcast_to(fitted[0], (25, 100, 3)))
	assert np.array_equal(result[75:], np.broadcast_to(fitted[-1], (25, 100, 3)))


def test_resize_and_fill_fills_side_bands_with_the_edge_columns() -> None:
	source = two_tone(100, 200, RED, BLUE)
	result = pixels(resize_image(source, 100, 100, 2))
	assert np.array_equal(result[:, :25], np.broadcast_to(result[:, 25:26], (100, 25, 3)))
	assert np.array_equal(result[:, 75:], np.broadcast_to(result[:, 74:75], (100, 25, 3)))
	assert np.array_equal(result[50, 0], RED)
	assert np.array_equal(result[50, 99], BLUE)


def test_masks_stay_single_channel_and_transparency_lands_on_white() -> None:
	assert resize_image(Image.new('L', (40, 40), 255), 20, 30, ResizeMode.RESIZE_AND_FILL).mode == 'L'
	clear = resize_image(Image.new('RGBA', (40, 40), (0, 0, 0, 0)), 20, 20)
	assert clear.mode == 'RGB'
	assert np.all(pixels(clear) == 255)
	palette = resize_image(two_tone(40, 40, RED, BLUE).convert('P'), 20, 20)
	assert palette.mode == 'RGB'


@pytest.mark.parametrize(('width', 'height'), [(0, 64), (64, -8), (MAX_SIDE + 1, 64)])
def test_out_of_range_sizes_are_refused_with_the_size(width: int, height: int) -> None:
	with pytest.raises(ImageEditError, match=f'{width}x{height}'):
		resize_image(noise_image(16, 16, seed=5), width, height)


def test_an_unknown_mode_lists_the_choices() -> None:
	with pytest.raises(InvalidRequestError, match="'Stretch' is unknown.*0 'Just resize'.*3 'Just resize \\(latent"):
		resize_image(noise_image(16, 16, seed=6), 8, 8, 'Stretch')
	with pytest.raises(ImageEditError, match='resize mode 4 is unknown'):
		ResizeMode.parse(4)


def test_choices_carry_a1111_names_and_api_indexes() -> None:
	assert [mode.api_index for mode in ResizeMode] == [0, 1, 2, 3]
	assert ResizeMode.parse(3) is ResizeMode.LATENT_UPSCALE
	assert ResizeMode.parse('resize and fill') is ResizeMode.RESIZE_AND_FILL
	assert [(content.value, content.api_index) for content in MaskedContent] == [
		('fill', 0),
		('original', 1),
		('latent noise', 2),
		('latent nothing', 3),
	]
	assert InpaintArea.parse(1) is InpaintArea.ONLY_MASKED
	with pytest.raises(ImageEditError, match="masked content 'blur' is unknown"):
		MaskedContent.parse('blur')
