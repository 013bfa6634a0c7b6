"""Helpers the format readers share: safe JSON, plain values as text, and the finished record."""

from collections.abc import Mapping
from typing import cast

from localai_ui.schemas.json_values import parse_json_object
from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.settings import settings_from_params


def json_object(text: str | None) -> dict[str, object] | None:
	"""`text` as a JSON object, or None when it is missing, malformed, nested too deep or not an object."""
	if not text:
		return None
	try:
		return parse_json_object(text)
	except (ValueError, RecursionError):
		return None


def as_text(value: object) -> str | None:
	"""Numbers and strings as text (booleans and containers are not parameters)."""
	if isinstance(value, bool) or not isinstance(value, str | int | float):
		return None
	return str(value)


def as_dict(value: object) -> dict[str, object]:
	if not isinstance(value, dict):
		return {}
	return {str(key): item for key, item in cast(dict[object, object], value).items()}


def as_list(value: object) -> list[object]:
	return list(cast(list[object], value)) if isinstance(value, list) else []


def finish(
	source: MetadataSource, prompt: str, negative_prompt: str, params: Mapping[str, str], texts: Mapping[str, str]
) -> PngInfo:
	"""The record, with settings mapped onto the Generate tab and notes on what did not map."""
	notes: list[str] = []
	settings = settings_from_params(prompt, negative_prompt, params, notes)
	return PngInfo(
		source=source,
		prompt=prompt,
		negative_prompt=negative_prompt,
		params=tuple(params.items()),
		raw=tuple(texts.items()),
		settings=settings,
		notes=tuple(notes),
	)
