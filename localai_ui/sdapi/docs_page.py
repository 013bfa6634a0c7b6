"""The /docs page of the A1111 API, made here from the schema: every route with its method, summary and fields.
Nothing is fetched from a CDN, so opening it reaches nothing outside this machine."""

from collections.abc import Mapping
from html import escape

from pydantic import JsonValue

METHODS = ('get', 'post', 'put', 'delete')


def docs_html(schema: Mapping[str, JsonValue], title: str, schema_path: str) -> str:
	"""One table row per route; the full OpenAPI schema stays at `schema_path` for tools that read it."""
	paths = schema.get('paths')
	rows: list[str] = []
	for path, operations in sorted(paths.items()) if isinstance(paths, dict) else []:
		if not isinstance(operations, dict):
			continue
		for method in METHODS:
			operation = operations.get(method)
			if isinstance(operation, dict):
				summary = operation.get('summary') or operation.get('description') or ''
				rows.append(
					f'<tr><td><code>{method.upper()}</code></td><td><code>{escape(path)}</code></td>'
					f'<td>{escape(str(summary))}</td></tr>'
				)
	return (
		f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title>'
		'<style>body{font-family:sans-serif;margin:2em}td{padding:4px 12px;border-bottom:1px solid #ddd}</style>'
		f'</head><body><h1>{escape(title)}</h1><p>The OpenAPI schema: <a href="{escape(schema_path)}">'
		f'{escape(schema_path)}</a></p><table>{"".join(rows)}</table></body></html>'
	)
