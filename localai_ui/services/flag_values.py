"""Parsers of the values typed after a flag: logins and sizes; a bad value raises ValueError naming the flag."""

import re

_UNITS = {'': 1, 'b': 1, 'kb': 1024, 'mb': 1024**2, 'gb': 1024**3, 'tb': 1024**4}


def parse_auth(value: str | None) -> tuple[str, str] | None:
	""" "user:password" -> (user, password); a value without both parts is an error."""
	if value is None:
		return None
	user, separator, password = value.partition(':')
	if not separator or not user or not password:
		raise ValueError('--auth must look like user:password')
	return user, password


def parse_api_auth(value: str | None, *, api: bool) -> tuple[tuple[str, str], ...]:
	""" "user:password,user2:password2" (A1111's --api-auth) -> the logins; it needs --api to mean anything."""
	if value is None:
		return ()
	if not api:
		raise ValueError('--api-auth sets the logins of the API: add --api to serve it')
	logins: list[tuple[str, str]] = []
	for item in value.split(','):
		user, separator, password = item.strip().partition(':')
		if not separator or not user or not password:
			raise ValueError('--api-auth must look like user:password (several joined by commas)')
		logins.append((user, password))
	return tuple(logins)


def parse_size(text: str) -> int:
	"""'8gb', '512 MB', '1000' -> bytes (powers of 1024, as Gradio's max_file_size reads them)."""
	match = re.fullmatch(r'\s*(\d+(?:\.\d+)?)\s*([kmgt]?b?)\s*', text.lower())
	if match is None:
		raise ValueError(f'{text!r}: a size looks like 8gb, 512mb or 1000000')
	return int(float(match.group(1)) * _UNITS[match.group(2)])
