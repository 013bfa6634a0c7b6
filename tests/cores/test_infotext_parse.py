"""Infotexts written by A1111 (our own samples in its documented format) parse the way A1111 reads them."""

import time

import pytest

from localai_ui.services.png_info.infotext import ParsedInfotext, parse_infotext

A1111_SAMPLE = (
	'masterpiece, (best quality:1.2), 1girl, <lora:detail:0.6>\n'
	'looking at viewer\n'
	'Negative prompt: lowres, bad anatomy\n'
	'worst quality\n'
	'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3847562910, Size: 512x768, '
	'Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.45, '
	'Lora hashes: "detail: 7c6b1e8a2f3d, grain: 0a1b2c3d4e5f", Version: v1.10.1'
)


def test_parses_an_a1111_infotext() -> None:
	parsed = parse_infotext(A1111_SAMPLE)
	assert parsed.prompt == 'masterpiece, (best quality:1.2), 1girl, <lora:detail:0.6>\nlooking at viewer'
	assert parsed.negative_prompt == 'lowres, bad anatomy\nworst quality'
	assert parsed.params['Lora hashes'] == 'detail: 7c6b1e8a2f3d, grain: 0a1b2c3d4e5f'
	assert parsed.params['Seed'] == '3847562910'
	assert parsed.params['Denoising strength'] == '0.45'
	assert list(parsed.params)[-1] == 'Version'


def test_parses_an_old_combined_sampler_name_with_windows_line_ends() -> None:
	text = 'a castle on a hill\r\nSteps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 1234, Size: 512x512\r\n'
	parsed = parse_infotext(text)
	assert (parsed.prompt, parsed.negative_prompt) == ('a castle on a hill', '')
	assert parsed.params == {
		'Steps': '20',
		'Sampler': 'DPM++ 2M Karras',
		'CFG scale': '7',
		'Seed': '1234',
		'Size': '512x512',
	}


@pytest.mark.parametrize(
	('text', 'prompt'),
	[
		('just a prompt, with commas: and a colon', 'just a prompt, with commas: and a colon'),
		('first line\nStyle: a, Mood: b', 'first line\nStyle: a, Mood: b'),
		('', ''),
	],
)
def test_text_without_a_settings_line_is_all_prompt(text: str, prompt: str) -> None:
	assert parse_infotext(text) == ParsedInfotext(prompt, '', {})


def test_settings_only_text_has_an_empty_prompt() -> None:
	parsed = parse_infotext('Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 5')
	assert (parsed.prompt, parsed.params['Sampler']) == ('', 'Euler a')


def test_a_broken_quoted_value_is_kept_as_written() -> None:
	parsed = parse_infotext('p\nSteps: 20, Seed: 5, Note: "bad \\x escape"')
	assert parsed.params['Note'] == '"bad \\x escape"'


def test_a_long_line_without_settings_is_read_in_linear_time() -> None:
	text = 'a prompt\n' + 'word ' * 200_000
	started = time.perf_counter()
	parsed = parse_infotext(text)
	assert time.perf_counter() - started < 5
	assert parsed.params == {} and parsed.prompt == text.rstrip()
