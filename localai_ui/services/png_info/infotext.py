"""A1111 'infotext': the prompt, negative prompt and 'Key: value' settings line other tools read and paste."""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass

from localai_ui.schemas.generation import GenerationRequest
from localai_ui.services.png_info.infotext_passes import pass_params

NEGATIVE_PREFIX = 'Negative prompt:'
# The reader rule A1111 uses: a settings line is one with at least three matches of this pattern.
# Keys are bounded to 64 characters so that a long line without colons is read in linear time.
PARAM_PATTERN = re.compile(r'\s*(\w[\w \-/]{1,63}):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
KEY_PATTERN = re.compile(r'\w[\w \-/]{1,63}')
MIN_PARAMS = 3

InfotextValue = str | int | float | None


@dataclass(frozen=True)
class ParsedInfotext:
	"""What an infotext holds; params keep A1111's keys and their values as text."""

	prompt: str
	negative_prompt: str
	params: dict[str, str]


def format_value(value: str | int | float) -> str:
	"""Write a value the reader gives back unchanged: floats compact (7.0 -> '7'), risky text JSON-quoted."""
	if isinstance(value, float):
		return str(int(value)) if value.is_integer() else repr(value)
	text = str(value)
	needs_quotes = any(mark in text for mark in ',:\n') or text.startswith('"') or text != text.strip()
	return json.dumps(text, ensure_ascii=False) if needs_quotes else text


def build_infotext(*, prompt: str, negative_prompt: str, params: Mapping[str, InfotextValue]) -> str:
	"""Prompt, then 'Negative prompt: ...' when there is one, then the settings; None values are left out."""
	pairs: list[str] = []
	for key, value in params.items():
		if not KEY_PATTERN.fullmatch(key):
			raise ValueError(f'{key!r}: infotext keys are a letter or digit then letters, digits, spaces, - or /')
		if value is not None:
			pairs.append(f'{key}: {format_value(value)}')
	lines = [prompt]
	if negative_prompt:
		lines.append(f'{NEGATIVE_PREFIX} {negative_prompt}')
	lines.append(', '.join(pairs))
	return '\n'.join(lines)


def _unquote(value: str) -> str:
	if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
		return value.strip()
	try:
		loaded: object = json.loads(value)
	except json.JSONDecodeError:
		return value
	return loaded if isinstance(loaded, str) else value


def parse_infotext(text: str) -> ParsedInfotext:
	"""Split an infotext back into prompt, negative prompt and settings; text without settings is all prompt."""
	lines = text.replace('\r\n', '\n').rstrip().split('\n')
	matches = PARAM_PATTERN.findall(lines[-1])
	if len(matches) >= MIN_PARAMS:
		lines.pop()
	else:
		matches = []
	prompt_lines: list[str] = []
	negative_lines: list[str] | None = None
	for line in lines:
		if negative_lines is None and line.startswith(NEGATIVE_PREFIX):
			negative_lines = [line.removeprefix(NEGATIVE_PREFIX).removeprefix(' ')]
		elif negative_lines is None:
			prompt_lines.append(line)
		else:
			negative_lines.append(line)
	params = {key: _unquote(value) for key, value in matches}
	return ParsedInfotext('\n'.join(prompt_lines), '\n'.join(negative_lines or []), params)


def infotext_params(
	request: GenerationRequest, *, seed: int, model_name: str, model_hash: str | None, version: str
) -> dict[str, InfotextValue]:
	"""The settings of one image in A1111's order; seed is that image's own seed."""
	return {
		'Steps': request.steps,
		'Sampler': request.sampler,
		'Schedule type': request.schedule,
		'CFG scale': request.cfg_scale,
		'Seed': seed,
		'Size': f'{request.width}x{request.height}',
		'Model hash': model_hash,
		'Model': model_name,
		**pass_params(request),
		'Clip skip': request.clip_skip if request.clip_skip > 1 else None,
		'Styles': ', '.join(request.styles) or None,
		'Version': version,
	}
