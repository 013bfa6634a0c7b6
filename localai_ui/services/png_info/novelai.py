"""NovelAI: 'Software: NovelAI', the prompt in 'Description', settings as JSON in 'Comment'."""

from collections.abc import Mapping

from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.common import as_text, finish, json_object
from localai_ui.services.png_info.names import NOVELAI_SAMPLERS

KEYS = {'steps': 'Steps', 'scale': 'CFG scale', 'seed': 'Seed'}


def is_novelai(texts: Mapping[str, str]) -> bool:
	return texts.get('Software', '').startswith('NovelAI')


def read_novelai(texts: Mapping[str, str]) -> PngInfo:
	content = json_object(texts.get('Comment')) or {}
	params = {label: text for key, label in KEYS.items() if (text := as_text(content.get(key))) is not None}
	width, height = as_text(content.get('width')), as_text(content.get('height'))
	if width and height:
		params['Size'] = f'{width}x{height}'
	sampler = as_text(content.get('sampler'))
	if sampler:
		params['Sampler'] = NOVELAI_SAMPLERS.get(sampler, sampler)
	if as_text(content.get('noise_schedule')) == 'karras':
		params['Schedule type'] = 'Karras'
	source = texts.get('Source')
	if source:
		params['Model'] = source
	prompt = as_text(content.get('prompt')) or texts.get('Description', '')
	negative = as_text(content.get('uc')) or ''
	return finish(MetadataSource.NOVELAI, prompt, negative, params, texts)
