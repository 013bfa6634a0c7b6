"""InvokeAI: 'invokeai_metadata' (3.x and later) or the older 'sd-metadata' JSON."""

from collections.abc import Mapping

from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.common import as_dict, as_list, as_text, finish, json_object
from localai_ui.services.png_info.names import invoke_sampler

KEYS = {'steps': 'Steps', 'cfg_scale': 'CFG scale', 'seed': 'Seed'}


def _model_name(value: object) -> str | None:
	"""'model' is an object in 3.x/4.x ({name} or {model_name}) and a plain name in older files."""
	fields = as_dict(value)
	return as_text(fields.get('name')) or as_text(fields.get('model_name')) or as_text(value)


def _params(content: Mapping[str, object]) -> dict[str, str]:
	params = {label: text for key, label in KEYS.items() if (text := as_text(content.get(key))) is not None}
	width, height = as_text(content.get('width')), as_text(content.get('height'))
	if width and height:
		params['Size'] = f'{width}x{height}'
	scheduler = as_text(content.get('scheduler')) or as_text(content.get('sampler'))
	if scheduler:
		params['Sampler'], schedule = invoke_sampler(scheduler.removeprefix('k_'))
		if schedule:
			params['Schedule type'] = schedule
	model = _model_name(content.get('model')) or as_text(content.get('model_weights'))
	if model:
		params['Model'] = model
	loras = [
		_model_name(as_dict(lora).get('model') or as_dict(lora).get('lora')) for lora in as_list(content.get('loras'))
	]
	if any(loras):
		params['LoRAs'] = ', '.join(name for name in loras if name)
	version = as_text(content.get('app_version'))
	if version:
		params['Version'] = f'InvokeAI {version}'
	return params


def read_invokeai(texts: Mapping[str, str]) -> PngInfo | None:
	content = json_object(texts.get('invokeai_metadata'))
	if content is not None:
		prompt = as_text(content.get('positive_prompt')) or ''
		negative = as_text(content.get('negative_prompt')) or ''
		return finish(MetadataSource.INVOKEAI, prompt, negative, _params(content), texts)
	legacy = json_object(texts.get('sd-metadata'))
	if legacy is None:
		return None
	image = as_dict(legacy.get('image'))
	prompts = [as_text(as_dict(part).get('prompt')) for part in as_list(image.get('prompt'))]
	prompt = ' '.join(text for text in prompts if text) or as_text(image.get('prompt')) or ''
	return finish(
		MetadataSource.INVOKEAI, prompt, '', _params({**image, 'model_weights': legacy.get('model_weights')}), texts
	)
