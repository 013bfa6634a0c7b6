"""A1111 styles.csv as found in the wild: BOM, quoting, comments, the legacy text column, and broken files."""

import pytest

from localai_ui.cores.styles import decode_styles_file, format_styles, parse_styles, parse_styles_csv
from localai_ui.schemas.styles import StyleFormatError, StyleText

QUIRKY = (
	'name,prompt,negative_prompt\r\n'
	'"Comma, quoted","a, b {prompt}","c, d"\r\n'
	'Quotes,"say ""cheese"" {prompt}",\r\n'
	'Multi,"two\nlines {prompt}","x\r\ny"\r\n'
)


def parsed(data: bytes) -> list[StyleText]:
	return parse_styles(decode_styles_file(data), 'csv')


@pytest.mark.parametrize('bom', [b'', b'\xef\xbb\xbf'])
def test_utf8_with_or_without_bom(bom: bytes) -> None:
	data = bom + 'name,prompt,negative_prompt\nCafé,crème {prompt},\n'.encode()
	assert parsed(data) == [StyleText('Café', 'crème {prompt}', '')]


def test_quoted_fields_hold_commas_quotes_and_newlines() -> None:
	text = 'name,prompt,negative_prompt\n"A, b","one, ""two""\nthree {prompt}","no, ""x"""\n'
	assert parse_styles_csv(text) == [StyleText('A, b', 'one, "two"\nthree {prompt}', 'no, "x"')]


def test_comment_rows_blank_lines_and_spaces_after_commas() -> None:
	text = 'name, prompt, negative_prompt\n# a comment,x,y\n\n"#also skipped",x,y\nKept, "a, b", c\n'
	assert parse_styles_csv(text) == [StyleText('Kept', 'a, b', 'c')]


def test_comment_names_in_any_column_and_long_names() -> None:
	assert parse_styles_csv('prompt,name\nx,#skipped\ny,Kept\n') == [StyleText('Kept', 'y', '')]
	with pytest.raises(StyleFormatError, match='line 2: .*longer than 255 characters'):
		parse_styles_csv(f'name,prompt\n{"n" * 256},x\n')


def test_legacy_text_column_and_missing_negative() -> None:
	assert parse_styles_csv('name,text\nOld,old style {prompt}\n') == [StyleText('Old', 'old style {prompt}', '')]
	assert parse_styles_csv('name,prompt,negative_prompt\nShort,only prompt\n') == [
		StyleText('Short', 'only prompt', '')
	]


def test_extra_columns_and_category_are_read() -> None:
	text = 'notes,name,prompt,negative_prompt,category\nhi,Cat,p,n,Mine\n'
	assert parse_styles_csv(text) == [StyleText('Cat', 'p', 'n', 'Mine')]


def test_empty_file_holds_no_styles() -> None:
	assert parse_styles_csv('') == []
	assert parse_styles_csv('name,prompt,negative_prompt\r\n') == []


@pytest.mark.parametrize(
	('text', 'message'),
	[
		('name,prompt\nA,"open quote\nB,x\n', r'line 2: .*quote'),
		('name,prompt,negative_prompt\nA,x,y\nB,x,y,z\n', 'line 3: 4 fields but the header has 3'),
		('title,prompt\nA,x\n', 'line 1: .*no "name" column'),
		('name,negative_prompt\nA,x\n', 'line 1: .*no "prompt"'),
		('name,prompt\nA,x\n,y\n', 'line 3: the name is empty'),
		('name,prompt\nA,x\n"B\nC",y\n', 'line 3: .*spans several lines'),
		('name,prompt\nA,x\nB,"multi\nline"\nA,z\n', r"line 5: the style 'A' appears twice \(first at line 2\)"),
		('name,prompt\nA,"x"y\n', 'line 2: .*expected'),
	],
)
def test_malformed_files_name_the_line(text: str, message: str) -> None:
	with pytest.raises(StyleFormatError, match=message):
		parse_styles_csv(text)


def test_non_utf8_names_the_line() -> None:
	with pytest.raises(StyleFormatError, match='line 2: not UTF-8'):
		decode_styles_file(b'name,prompt\nCaf\xe9,x\n')


def test_export_is_a1111_shaped_and_imports_back_unchanged() -> None:
	styles = parse_styles_csv(QUIRKY)
	assert [style.name for style in styles] == ['Comma, quoted', 'Quotes', 'Multi']
	assert styles[1].prompt == 'say "cheese" {prompt}' and styles[2].negative_prompt == 'x\r\ny'
	data = format_styles(styles, 'csv')
	assert data.startswith(b'\xef\xbb\xbfname,prompt,negative_prompt\r\n')
	assert parsed(data) == styles
	assert format_styles(parsed(data), 'csv') == data
