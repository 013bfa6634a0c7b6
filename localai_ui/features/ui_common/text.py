"""User text (prompts, names, error messages) shown inside Markdown as the very characters typed.

Without this, `<lora:name:0.6>` renders as a link with its angle brackets gone and `*word*` turns italic.
"""

import html
import re

_MARKDOWN_SPECIALS = re.compile(r'([\\`*_{}\[\]()#+\-.!|~>])')


def plain(text: str) -> str:
	"""`text` escaped for Markdown and HTML: it displays exactly as written, newlines kept as line breaks."""
	escaped = _MARKDOWN_SPECIALS.sub(r'\\\1', html.escape(text, quote=False))
	return escaped.replace('\n', '  \n')
