"""Bytes in, styles out (and back): decoding, telling the two formats apart, one entry point per direction."""

from collections.abc import Sequence

from localai_ui.cores.styles.a1111_csv import format_styles_csv, parse_styles_csv
from localai_ui.cores.styles.fooocus_json import format_styles_json, parse_styles_json
from localai_ui.schemas.styles import StyleFormat, StyleFormatError, StyleText

BOM = '\ufeff'


def decode_styles_file(data: bytes) -> str:
	"""UTF-8 text with or without a BOM; other encodings are refused with the line of the first bad byte."""
	try:
		return data.decode('utf-8-sig')
	except UnicodeDecodeError as error:
		line = data.count(b'\n', 0, error.start) + 1
		raise StyleFormatError(f'line {line}: not UTF-8 text (byte {error.start}); save the file as UTF-8') from error


def detect_format(filename: str, text: str) -> StyleFormat:
	"""By extension, else by content: a file starting with '[' is JSON."""
	lowered = filename.lower()
	if lowered.endswith('.json'):
		return 'json'
	if lowered.endswith('.csv'):
		return 'csv'
	return 'json' if text.lstrip(BOM + ' \t\r\n').startswith('[') else 'csv'


def parse_styles(text: str, style_format: StyleFormat) -> list[StyleText]:
	return parse_styles_json(text) if style_format == 'json' else parse_styles_csv(text)


def format_styles(styles: Sequence[StyleText], style_format: StyleFormat) -> bytes:
	"""File bytes: JSON as plain UTF-8, styles.csv with the BOM A1111 writes."""
	if style_format == 'json':
		return format_styles_json(styles).encode('utf-8')
	return (BOM + format_styles_csv(styles)).encode('utf-8')
