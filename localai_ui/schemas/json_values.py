"""Reading JSON objects with types pyright can follow (json.loads returns Any)."""

import json
from typing import cast


def parse_json_object(text: str | bytes) -> dict[str, object]:
	"""Parse `text` as a JSON object; ValueError when it is not valid JSON or not an object."""
	value: object = json.loads(text)
	if not isinstance(value, dict):
		raise ValueError('expected a JSON object')
	return {str(key): item for key, item in cast(dict[object, object], value).items()}
