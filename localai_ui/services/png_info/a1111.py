"""A1111, Forge, Fooocus and our own images: the 'parameters' text (infotext, or Fooocus's JSON)."""

from collections.abc import Mapping
from dataclasses import replace

from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.common import as_text, finish, json_object
from localai_ui.services.png_info.infotext import parse_infotext
from localai_ui.services.png_info.names import COMFY_SAMPLERS, COMFY_SCHEDULERS

OURS = 'LocalAI UI'
MAX_SETTINGS_LINE = 8192
FOOOCUS_KEYS = {
	'steps': 'Steps',
	'guidance_scale': 'CFG scale',
	'seed': 'Seed',
	'base_model': 'Model',
	'sharpness': 'Sharpness',
	'performance': 'Performance',
	'styles': 'Styles',
	'version': 'Version',
}


def infotext_source(version: str) -> MetadataSource:
	"""Who wrote an infotext, from its Version (Forge writes 'f0.0.17v1.8.0...', Fooocus 'Fooocus v2...')."""
	if version.startswith(OURS):
		return MetadataSource.LOCALAI
	if version.startswith('Fooocus'):
		return MetadataSource.FOOOCUS
	if len(version) > 1 and version[0] == 'f' and version[1].isdigit():
		return MetadataSource.FORGE
	return MetadataSource.A1111


def read_infotext(text: str, texts: Mapping[str, str]) -> PngInfo:
	if len(text.rstrip().rsplit('\n', 1)[-1]) > MAX_SETTINGS_LINE:
		# The settings-line pattern is quadratic in the line's length: a huge line is read as prompt only.
		info = finish(MetadataSource.UNKNOWN, text, '', {}, texts)
		return replace(info, notes=(*info.notes, 'The settings line is too long to read; shown as the prompt.'))
	parsed = parse_infotext(text)
	source = infotext_source(parsed.params.get('Version', ''))
	return finish(source, parsed.prompt, parsed.negative_prompt, parsed.params, texts)


def _fooocus_styles(value: object) -> str | None:
	"""Fooocus writes styles as a Python list's repr: "['Fooocus V2', 'Fooocus Enhance']"."""
	text = as_text(value)
	if text is None:
		return None
	names = [name.strip().strip('\'"') for name in text.strip('[]').split(',')]
	return ', '.join(name for name in names if name) or None


def read_fooocus(content: Mapping[str, object], texts: Mapping[str, str]) -> PngInfo:
	"""Fooocus's own scheme: a JSON object in 'parameters' (with 'fooocus_scheme' beside it)."""
	params: dict[str, str] = {}
	for key, label in FOOOCUS_KEYS.items():
		value = _fooocus_styles(content.get(key)) if key == 'styles' else as_text(content.get(key))
		if value is not None:
			params[label] = value
	sampler = as_text(content.get('sampler'))
	if sampler:
		params['Sampler'] = COMFY_SAMPLERS.get(sampler, sampler)
	scheduler = as_text(content.get('scheduler'))
	if scheduler:
		params['Schedule type'] = COMFY_SCHEDULERS.get(scheduler, scheduler)
	width, _, height = (as_text(content.get('resolution')) or '').strip('()').partition(',')
	if width.strip() and height.strip():
		params['Size'] = f'{width.strip()}x{height.strip()}'
	prompt = as_text(content.get('prompt')) or ''
	negative = as_text(content.get('negative_prompt')) or ''
	return finish(MetadataSource.FOOOCUS, prompt, negative, params, texts)


def read_parameters(text: str, texts: Mapping[str, str]) -> PngInfo:
	"""The 'parameters' entry: JSON means Fooocus's scheme, anything else is an infotext."""
	content = json_object(text) if text.lstrip().startswith('{') else None
	return read_fooocus(content, texts) if content is not None else read_infotext(text, texts)
