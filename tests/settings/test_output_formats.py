"""PNG, JPEG and WEBP outputs through the real generate path: the infotext reads back in PNG Info (EXIF UserComment
written as A1111 writes it), the file name pattern and date folders apply to the next run, History and thumbnails
work for every format."""

from pathlib import Path

import pytest
from PIL import Image

from localai_ui.context import AppContext
from localai_ui.schemas.history import HistoryFilters
from localai_ui.services.png_info import read_png_info
from localai_ui.services.png_info.container import EXIF_IFD, USER_COMMENT
from localai_ui.services.png_info.image_files import encode_image
from tests.features.generate_helpers import run_to_end, small_request


@pytest.mark.parametrize(('output_format', 'suffix'), [('PNG', '.png'), ('JPEG', '.jpg'), ('WEBP', '.webp')])
def test_each_format_carries_a_readable_infotext(context: AppContext, output_format: str, suffix: str) -> None:
	context.app_settings.store.save({'output_format': output_format, 'quality': 85})
	request = small_request(prompt='a fox, (red:1.2) 狐', negative_prompt='blurry', seed=7)
	_, finished = run_to_end(context.generate, request)
	[saved] = finished.images
	assert saved.path.suffix == suffix
	with Image.open(saved.path) as image:
		assert image.format == output_format and image.size == (64, 64)
	info = read_png_info(saved.path)
	assert (info.prompt, info.negative_prompt) == ('a fox, (red:1.2) 狐', 'blurry')
	assert info.settings is not None and info.settings.seed == 7 and info.settings.steps == 2
	[item] = context.history.search(HistoryFilters()).items
	assert item.path.endswith(suffix) and item.thumbnail_path is not None
	assert (context.settings.outputs_dir / item.thumbnail_path).is_file()
	assert context.history.details(item.image_id).generation.infotext == saved.infotext


def test_jpeg_user_comment_is_a1111s_unicode_big_endian(tmp_path: Path) -> None:
	data = encode_image(Image.new('RGB', (8, 8)), 'a cat\nSteps: 20', 'JPEG')
	path = tmp_path / 'cat.jpg'
	path.write_bytes(data)
	with Image.open(path) as image:
		comment = image.getexif().get_ifd(EXIF_IFD)[USER_COMMENT]
	assert comment == b'UNICODE\x00' + 'a cat\nSteps: 20'.encode('utf-16-be')


def test_an_infotext_too_long_for_jpeg_exif_is_cut_to_fit(tmp_path: Path) -> None:
	long_prompt = 'word ' * 10_000
	data = encode_image(Image.new('RGB', (8, 8)), f'{long_prompt}\nSteps: 20', 'JPEG')
	info = read_png_info(data)
	assert info.prompt.startswith('word word') and info.prompt.endswith('[...]')
	assert len(info.prompt) < len(long_prompt)


def test_pattern_and_date_folders_apply_to_the_next_run(context: AppContext) -> None:
	store = context.app_settings.store
	_, first = run_to_end(context.generate, small_request(seed=11))
	assert first.images[0].path.parent.parent == context.settings.outputs_dir  # outputs/YYYY-MM-DD/
	store.save({'file_name_pattern': '[prompt_spaces] [width]x[height] [seed]', 'date_folders': False})
	_, second = run_to_end(context.generate, small_request(prompt='a cat / on a mat?', seed=12))
	assert second.images[0].path.parent == context.settings.outputs_dir
	assert second.images[0].path.name == f'{second.generation_id:05d}-0-a cat _ on a mat_ 64x64 12.png'


def test_an_existing_file_is_never_overwritten(context: AppContext) -> None:
	context.app_settings.store.save({'date_folders': False})
	taken = context.settings.outputs_dir / '00001-0-5.png'
	taken.parent.mkdir(parents=True, exist_ok=True)
	taken.write_bytes(b'an older run')
	_, finished = run_to_end(context.generate, small_request(seed=5))
	assert finished.images[0].path.name == '00001-0-1-5.png'
	assert taken.read_bytes() == b'an older run'
