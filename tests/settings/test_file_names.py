"""File name patterns on hostile prompts: one safe file name on every file system, bounded, written for real."""

from datetime import datetime
from pathlib import Path

import pytest

from localai_ui.schemas.file_name_pattern import REFUSED_CHARACTERS, check_file_name_pattern
from localai_ui.services.file_names import MAX_NAME_BYTES, FileNameValues, fill_pattern, image_file_name

WINDOWS_RESERVED = ('CON', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT1')
HOSTILE_PROMPTS = (
	'../../etc/passwd',
	'..',
	'.hidden cat',
	'CON',
	'a cat\x00 with a NUL',
	'line one\nline two\r\tand a tab',
	'a/b\\c:d*e?f"g<h>i|j#k',
	'trailing dots and spaces. . . ',
	'evil \u202eexe.gnp',
	'zero\u200bwidth',
	'lone \ud800 surrogate',
	'猫 と 犬, 🐱🐶 ünïcödé',
	'long ' * 400,
	'<lora:detail:0.6> (masterpiece:1.2), [cat|dog]',
	'',
)


def _values(prompt: str, model_name: str = 'my-model') -> FileNameValues:
	return FileNameValues(
		seed=42,
		prompt=prompt,
		model_name=model_name,
		sampler='DPM++ 2M',
		steps=20,
		cfg_scale=7.5,
		width=512,
		height=768,
		at=datetime(2026, 11, 30, 9, 8, 7),
	)


@pytest.mark.parametrize('prompt', HOSTILE_PROMPTS)
def test_hostile_prompts_make_one_safe_bounded_name_that_can_be_written(tmp_path: Path, prompt: str) -> None:
	name = image_file_name('00001-0', '[prompt_spaces]-[prompt]-[model_name]-[seed]', _values(prompt, prompt), 'png')
	assert not set(name) & set('/\\' + REFUSED_CHARACTERS)
	assert all(ord(character) >= 32 and character not in '\u202e\u200b' for character in name)
	assert len(name.encode('utf-8')) <= MAX_NAME_BYTES + len('00001-0-.png')
	assert name.startswith('00001-0') and name.endswith('.png')
	assert name.removesuffix('.png').upper() not in WINDOWS_RESERVED
	assert not name.removesuffix('.png').endswith(('.', ' '))
	written = tmp_path / name
	written.write_bytes(b'x')
	assert [path.name for path in tmp_path.iterdir()] == [name]


def test_every_tag_is_filled_as_a1111_names_it() -> None:
	pattern = '[seed] [prompt] [prompt_spaces] [model_name] [date] [datetime] [sampler] [steps] [cfg] [width] [height]'
	filled = fill_pattern(pattern, _values('a red fox'))
	assert filled == '42 a_red_fox a red fox my-model 2026-11-30 20261130090807 DPM++ 2M 20 7.5 512 768'


def test_a_pattern_that_fills_to_nothing_leaves_the_number_alone() -> None:
	assert image_file_name('00003-1', '[prompt]', _values('///'), 'webp') == '00003-1-___.webp'
	assert image_file_name('00003-1', '[prompt]', _values(' . '), 'jpg') == '00003-1.jpg'


def test_a_long_multibyte_prompt_is_cut_on_a_character_boundary() -> None:
	filled = fill_pattern('[prompt_spaces][prompt_spaces]', _values('猫' * 200))
	assert len(filled.encode('utf-8')) <= MAX_NAME_BYTES
	assert set(filled) == {'猫'}


@pytest.mark.parametrize(
	('pattern', 'message'),
	[
		('', 'empty'),
		('dir/[seed]', 'names a file, never a folder'),
		('dir\\[seed]', 'names a file, never a folder'),
		('..[seed]', 'names a file, never a folder'),
		('[seed]\x00', 'NUL'),
		('[seed]\t', 'control character'),
		('x' * 201, '201 characters'),
		('[seed]:[steps]', ':'),
		('[Seed]', 'unknown tag [Seed]'),
	],
)
def test_patterns_no_file_system_takes_are_refused(pattern: str, message: str) -> None:
	with pytest.raises(ValueError, match=message.replace('\\', '\\\\').replace('[', r'\[').replace(']', r'\]')):
		check_file_name_pattern(pattern)
