"""Style presets: A1111's application rule and the styles.csv and Fooocus JSON formats (no database, no UI)."""

from localai_ui.cores.styles.a1111_csv import format_styles_csv, parse_styles_csv
from localai_ui.cores.styles.apply import apply_styles, merge_style_text, unique_name
from localai_ui.cores.styles.files import decode_styles_file, detect_format, format_styles, parse_styles
from localai_ui.cores.styles.fooocus_json import format_styles_json, parse_styles_json

__all__ = [
	'apply_styles',
	'decode_styles_file',
	'detect_format',
	'format_styles',
	'format_styles_csv',
	'format_styles_json',
	'merge_style_text',
	'parse_styles',
	'parse_styles_csv',
	'parse_styles_json',
	'unique_name',
]
