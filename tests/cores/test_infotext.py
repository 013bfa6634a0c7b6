"""Infotexts we write read back unchanged, and infotexts A1111 writes parse the way A1111 reads them."""

import pytest

from localai_ui.schemas.generation import GenerationRequest
from localai_ui.services.png_info.infotext import ParsedInfotext, build_infotext, infotext_params, parse_infotext

PARAMS: dict[str, str | int | float | None] = {
	'Steps': 20,
	'Sampler': 'DPM++ 2M',
	'Schedule type': 'Karras',
	'CFG scale': 7.0,
	'Seed': 1,
	'Size': '512x512',
	'Model hash': 'abc',
	'Model': 'name',
	'Version': 'LocalAI UI 0.1.0',
}
EXPECTED_LINE = (
	'Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1, Size: 512x512, '
	'Model hash: abc, Model: name, Version: LocalAI UI 0.1.0'
)


def test_builds_the_documented_format() -> None:
	text = build_infotext(prompt='prompt', negative_prompt='bad hands', params=PARAMS)
	assert text == f'prompt\nNegative prompt: bad hands\n{EXPECTED_LINE}'


def test_empty_negative_prompt_and_none_values_are_left_out() -> None:
	text = build_infotext(prompt='fox', negative_prompt='', params={**PARAMS, 'Model hash': None})
	assert text == 'fox\n' + EXPECTED_LINE.replace('Model hash: abc, ', '')


@pytest.mark.parametrize(
	('value', 'written'),
	[
		(7.5, '7.5'),
		(7.0, '7'),
		(0.125, '0.125'),
		(3, '3'),
		('a, b', '"a, b"'),
		('k: v', '"k: v"'),
		('two\nlines', '"two\\nlines"'),
		('"quoted"', '"\\"quoted\\""'),
		(' padded ', '" padded "'),
		('plain "inner" quotes', 'plain "inner" quotes'),
	],
)
def test_values_are_written_compactly_and_quoted_when_risky(value: str | float, written: str) -> None:
	assert build_infotext(prompt='', negative_prompt='', params={'Key': value}) == f'\nKey: {written}'


def test_a_key_the_reader_cannot_match_is_refused() -> None:
	with pytest.raises(ValueError, match="'X'"):
		build_infotext(prompt='p', negative_prompt='', params={'X': 1})


@pytest.mark.parametrize(
	('prompt', 'negative_prompt'),
	[
		('a red fox, snow, "cinematic"', 'blurry, lowres'),
		('line one\nline two, with: colon\n\nline four', 'neg one\nneg two'),
		('富士山 (masterpiece:1.2) <lora:x:0.5>', ''),
		('', 'only a negative'),
		('  leading spaces', '  padded negative'),
	],
)
def test_round_trip_keeps_prompts_and_values(prompt: str, negative_prompt: str) -> None:
	params = {
		**PARAMS,
		'CFG scale': 7.5,
		'Lora hashes': 'detail: 7c6b, grain: 0a1b',
		'Note': 'say "hi",\nthen: leave',
		'Empty': '',
	}
	parsed = parse_infotext(build_infotext(prompt=prompt, negative_prompt=negative_prompt, params=params))
	expected = {key: str(value) for key, value in params.items()}
	assert parsed == ParsedInfotext(prompt, negative_prompt, expected)


def test_infotext_params_follow_a1111_order_and_round_trip() -> None:
	request = GenerationRequest(
		prompt='fox', sampler='Euler a', schedule='Karras', cfg_scale=7.5, width=768, height=512
	)
	params = infotext_params(request, seed=99, model_name='fox-v1', model_hash=None, version='LocalAI UI 0.1.0')
	assert list(params) == [
		'Steps',
		'Sampler',
		'Schedule type',
		'CFG scale',
		'Seed',
		'Size',
		'Model hash',
		'Model',
		'Clip skip',
		'Styles',
		'Version',
	]
	assert params['Clip skip'] is None and params['Styles'] is None
	text = build_infotext(prompt=request.prompt, negative_prompt='', params=params)
	assert text == (
		'fox\nSteps: 20, Sampler: Euler a, Schedule type: Karras, CFG scale: 7.5, Seed: 99, Size: 768x512, '
		'Model: fox-v1, Version: LocalAI UI 0.1.0'
	)
	assert parse_infotext(text).params['Size'] == '768x512'


def test_clip_skip_and_styles_are_recorded_when_used() -> None:
	request = GenerationRequest(prompt='fox', clip_skip=2, styles=('Cinematic', 'Film grain'))
	params = infotext_params(request, seed=1, model_name='m', model_hash='abc123', version='v')
	text = build_infotext(prompt='fox', negative_prompt='', params=params)
	assert 'Model: m, Clip skip: 2, Styles: "Cinematic, Film grain", Version: v' in text
	assert parse_infotext(text).params['Styles'] == 'Cinematic, Film grain'
