"""Typed readers for the hub's JSON answers (json returns untyped values); a wrong shape is a HubServerError."""

import json
from datetime import datetime
from typing import cast

from localai_ui.schemas.hub import HubServerError


def parse_answer(text: str | bytes, what: str) -> object:
	"""The JSON value of an answer; HubServerError naming `what` when it is not JSON."""
	try:
		value: object = json.loads(text)
	except (ValueError, RecursionError) as error:
		raise HubServerError(f'{what}: the hub answered something that is not JSON; check HF_ENDPOINT') from error
	return value


def as_object(value: object, what: str) -> dict[str, object]:
	if not isinstance(value, dict):
		raise HubServerError(f'{what}: the hub answered an unexpected shape (expected a JSON object)')
	return {str(key): item for key, item in cast(dict[object, object], value).items()}


def as_objects(value: object, what: str) -> list[dict[str, object]]:
	"""A JSON list of objects (a search result page, a tree listing)."""
	if not isinstance(value, list):
		raise HubServerError(f'{what}: the hub answered an unexpected shape (expected a JSON list)')
	return [as_object(item, what) for item in cast(list[object], value)]


def text(entry: dict[str, object], key: str) -> str | None:
	value = entry.get(key)
	return value if isinstance(value, str) else None


def number(entry: dict[str, object], key: str) -> int | None:
	value = entry.get(key)
	return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def texts(entry: dict[str, object], key: str) -> tuple[str, ...]:
	value = entry.get(key)
	items = cast(list[object], value) if isinstance(value, list) else []
	return tuple(item for item in items if isinstance(item, str))


def child(entry: dict[str, object], key: str) -> dict[str, object]:
	"""A nested object, or an empty one when absent or of another type."""
	value = entry.get(key)
	return as_object(cast(object, value), key) if isinstance(value, dict) else {}


def timestamp(entry: dict[str, object], key: str) -> datetime | None:
	value = text(entry, key)
	try:
		return datetime.fromisoformat(value) if value else None
	except ValueError:
		return None
