"""Label and value rows as an HTML table, every value escaped: prompts and names show exactly as written."""

import html
from collections.abc import Sequence

Facts = Sequence[tuple[str, str]]

# Scoped to the component by gr.HTML's css_template: labels never wrap, long values wrap anywhere (no sideways scroll).
FACTS_CSS = """
table { width: 100%; border-collapse: collapse; border: 0; margin: 0; }
tr, th, td { border: 0; font-size: var(--text-md); line-height: 1.4; }
th {
	white-space: nowrap; text-align: left; vertical-align: top; font-weight: 600;
	padding: 6px 16px 6px 0; width: 1%;
}
td { padding: 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
tr + tr > * { border-top: 1px solid var(--border-color-primary); }
p { margin: 0 0 8px; }
"""


def facts_html(rows: Facts, message: str = '') -> str:
	"""A table of `rows` after an optional `message` line; empty when both are empty."""
	parts = [f'<p>{html.escape(message)}</p>'] if message else []
	if rows:
		body = ''.join(f'<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>' for label, value in rows)
		parts.append(f'<table>{body}</table>')
	return ''.join(parts)
