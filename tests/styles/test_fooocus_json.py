"""Fooocus style JSON: optional texts, our category riding along, and errors that name the entry."""

import json

import pytest

from localai_ui.cores.styles import decode_styles_file, detect_format, format_styles, parse_styles, parse_styles_json
from localai_ui.schemas.styles import StyleFormatError, StyleText


def test_reads_fooocus_entries_with_missing_texts() -> None:
	text = json.dumps(
		[
			{'name': 'Fooocus Sharp', 'prompt': 'cinematic still {prompt}', 'negative_prompt': 'anime'},
			{'name': 'Only Negative', 'negative_prompt': 'blurry'},
			{'name': ' Spaced ', 'prompt': None, 'extra': 1},
		]
	)
	assert parse_styles_json(text) == [
		StyleText('Fooocus Sharp', 'cinematic still {prompt}', 'anime'),
		StyleText('Only Negative', '', 'blurry'),
		StyleText('Spaced', '', ''),
	]


@pytest.mark.parametrize(
	('text', 'message'),
	[
		('[\n  {"name": "A",}\n]', r'line 2, column \d+: not valid JSON'),
		('{"name": "A"}', 'expected a JSON list of styles, found a dict'),
		('[{"name": "A"}, "B"]', 'entry 2: expected an object'),
		('[{"prompt": "x"}]', 'entry 1: "name" is missing or not text'),
		('[{"name": "A", "prompt": 3}]', 'entry 1 \\(\'A\'\\): "prompt" must be text, not int'),
		('[{"name": "   "}]', 'entry 1.*: the name is empty'),
		(
			'[{"name": "A"}, {"name": "A"}]',
			r"entry 2 \('A'\): the style 'A' appears twice \(first at entry 1 \('A'\)\)",
		),
	],
)
def test_malformed_json_names_the_line_or_entry(text: str, message: str) -> None:
	with pytest.raises(StyleFormatError, match=message):
		parse_styles_json(text)


def test_round_trip_keeps_texts_and_category() -> None:
	styles = [
		StyleText('Ünïcode, "quoted"', 'a {prompt}\nb', 'c, d', 'Mine'),
		StyleText('Plain', '', 'x'),
	]
	data = format_styles(styles, 'json')
	assert json.loads(data)[1] == {'name': 'Plain', 'prompt': '', 'negative_prompt': 'x'}
	assert parse_styles(decode_styles_file(data), 'json') == styles
	assert format_styles(parse_styles_json(data.decode()), 'json') == data


@pytest.mark.parametrize(
	('filename', 'text', 'expected'),
	[
		('styles.JSON', 'name', 'json'),
		('styles.csv', '[', 'csv'),
		('upload', '\ufeff\n [{"name": "a"}]', 'json'),
		('upload', 'name,prompt', 'csv'),
	],
)
def test_format_by_extension_then_content(filename: str, text: str, expected: str) -> None:
	assert detect_format(filename, text) == expected
