"""PNG files keep their pixels and carry the 'parameters' text other tools read."""

import io
from pathlib import Path

import pytest
from PIL import Image

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.services.png_info.png_parameters import encode_png, read_parameters

INFOTEXT = 'a red fox, snow\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M, Seed: 42, Size: 64x32'


def _image() -> Image.Image:
	image = Image.new('RGB', (64, 32))
	image.putdata([(x * 4, y * 8, (x + y) % 256) for y in range(32) for x in range(64)])
	return image


def _chunk_types(data: bytes) -> list[bytes]:
	types: list[bytes] = []
	offset = 8
	while offset < len(data):
		length = int.from_bytes(data[offset : offset + 4], 'big')
		types.append(data[offset + 4 : offset + 8])
		offset += 12 + length
	return types


def test_round_trip_keeps_pixels_and_text(tmp_path: Path) -> None:
	data = encode_png(_image(), INFOTEXT)
	path = tmp_path / 'fox.png'
	path.write_bytes(data)
	assert read_parameters(data) == INFOTEXT
	assert read_parameters(path) == INFOTEXT
	with Image.open(path) as reloaded:
		assert reloaded.format == 'PNG'
		assert reloaded.tobytes() == _image().tobytes()


def test_latin1_text_is_a_text_chunk_before_the_pixels() -> None:
	chunks = _chunk_types(encode_png(_image(), INFOTEXT))
	assert chunks.index(b'tEXt') < chunks.index(b'IDAT')
	assert b'iTXt' not in chunks


def test_non_latin1_text_uses_an_international_chunk() -> None:
	text = '富士山, 桜\nSteps: 20, Sampler: Euler, Seed: 1'
	data = encode_png(_image(), text)
	assert b'iTXt' in _chunk_types(data)
	assert read_parameters(data) == text


def test_image_without_parameters_gives_none() -> None:
	buffer = io.BytesIO()
	_image().save(buffer, format='PNG')
	assert read_parameters(buffer.getvalue()) is None


def test_other_formats_without_text_give_none() -> None:
	buffer = io.BytesIO()
	_image().save(buffer, format='JPEG')
	assert read_parameters(buffer.getvalue()) is None


def test_not_an_image_names_the_file(tmp_path: Path) -> None:
	path = tmp_path / 'notes.txt'
	path.write_text('hello')
	with pytest.raises(InvalidRequestError, match='notes.txt'):
		read_parameters(path)
	with pytest.raises(InvalidRequestError, match='uploaded data'):
		read_parameters(b'not an image')
