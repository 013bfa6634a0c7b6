"""The routes scripts call besides txt2img: the menus (models, samplers, LoRAs...), PNG info, the Extras upscale,
memory, and A1111's answers to a wrong value: a 422 naming the field, unknown fields ignored."""

import base64
import io
from collections.abc import Mapping, Sequence

import requests
from PIL import Image, PngImagePlugin
from pydantic import JsonValue
from webuiapi import WebUIApi

from tests.conftest import wait_for_hashes
from tests.e2e.conftest import RunningApp
from tests.reliability.apps import GOOD_LORA
from tests.sdapi.conftest import SECOND_MODEL, TINY
from tests.sdapi.pictures import red_square


def tiny_body(**more: JsonValue) -> dict[str, JsonValue]:
	"""A /txt2img body as a script sends it: the tiny size, then `more`."""
	return {'prompt': 'x', 'width': TINY['width'], 'height': TINY['height'], 'steps': TINY['steps'], **more}


def names(items: Sequence[Mapping[str, object]]) -> list[object]:
	return [item['name'] for item in items]


def test_the_menus_list_what_the_app_has(api: WebUIApi, api_app: RunningApp) -> None:
	wait_for_hashes(api_app.context)
	models = api.get_sd_models()
	assert [model['model_name'] for model in models] == ['tiny-sd15', SECOND_MODEL]
	assert [model['title'] for model in models] == ['tiny-sd15', SECOND_MODEL], 'folders: no file hash in the title'
	assert {'Euler a', 'DPM++ 2M', 'DDIM'} <= set(names(api.get_samplers()))
	assert {'automatic', 'karras', 'sgm_uniform'} <= set(names(api.get_schedulers()))
	assert {'None', 'Lanczos'} <= set(names(api.get_upscalers()))
	assert names(api.get_loras()) == [GOOD_LORA]
	assert api.get_sd_vae() == [] and api.get_embeddings() == {'loaded': {}, 'skipped': {}}
	assert api.get_scripts() == {'txt2img': [], 'img2img': []}
	assert '3D Render' in names(api.get_prompt_styles())
	assert api.session.post(f'{api.baseurl}/refresh-checkpoints', timeout=10).status_code == 200
	memory = api.get_memory()
	assert memory['cuda'] == {'error': 'unavailable'} and isinstance(memory['ram'], dict)


def test_a_checkpoint_title_from_the_menu_names_the_model(api: WebUIApi) -> None:
	title = api.get_sd_models()[1]['title']
	result = api.txt2img(prompt='x', override_settings={'sd_model_checkpoint': title}, **TINY)
	assert result.info['sd_model_name'] == SECOND_MODEL


def test_png_info_reads_the_infotext_back(api: WebUIApi) -> None:
	text = PngImagePlugin.PngInfo()
	text.add_text('parameters', 'a fox\nNegative prompt: blur\nSteps: 12, Sampler: Euler a, Seed: 7, Size: 64x48')
	buffer = io.BytesIO()
	red_square().save(buffer, format='PNG', pnginfo=text)
	with Image.open(io.BytesIO(buffer.getvalue())) as picture:
		read = api.png_info(picture).json
	assert str(read['info']).startswith('a fox\n')
	parameters = read['parameters']
	assert isinstance(parameters, dict)
	assert parameters['Prompt'] == 'a fox' and parameters['Negative prompt'] == 'blur' and parameters['Seed'] == '7'
	assert (parameters['Size-1'], parameters['Size-2']) == ('64', '48')


def test_extras_upscales_the_picture(api: WebUIApi) -> None:
	result = api.extra_single_image(red_square(), upscaling_resize=2, upscaler_1='Lanczos')
	assert result.image.size == (128, 128)
	assert 'Postprocess upscale by: 2' in str(result.info) and 'Postprocess upscaler: Lanczos' in str(result.info)
	assert result.image.info['parameters'] in str(result.info), 'the file carries the infotext it reports'


def test_a_wrong_value_is_a_422_naming_the_field(api: WebUIApi) -> None:
	url = f'{api.baseurl}/txt2img'
	cases: list[tuple[dict[str, JsonValue], str, str]] = [
		({'sampler_name': 'Nope'}, 'sampler_name', 'Nope'),
		({'width': 100}, 'width', 'multiples of 8'),
		({'override_settings': {'sd_model_checkpoint': 'missing'}}, 'sd_model_checkpoint', 'missing'),
		({'steps': 'many'}, 'steps', 'integer'),
		({'restore_faces': True}, 'restore_faces', 'face restoration'),
		({'script_name': 'x/y/z plot'}, 'script_name', 'x/y/z plot'),
		({'alwayson_scripts': {'ControlNet': {'args': [{}]}}}, 'ControlNet', 'ControlNet'),
		({'enable_hr': True, 'hr_checkpoint_name': 'other'}, 'hr_checkpoint_name', 'same model'),
	]
	for body, field, words in cases:
		answer = requests.post(url, json=tiny_body(**body), timeout=30)
		assert answer.status_code == 422, body
		detail = answer.json()['detail'][0]
		assert detail['loc'][0] == 'body' and detail['loc'][-1] == field and words in detail['msg'], detail
	fine = requests.post(url, json=tiny_body(a_field_from_a_newer_a1111=1), timeout=30)
	assert fine.status_code == 200 and len(fine.json()['images']) == 1
	base64.b64decode(fine.json()['images'][0], validate=True)


def test_a_style_from_the_menu_joins_the_prompt(api: WebUIApi) -> None:
	style = next(item for item in api.get_prompt_styles() if item['name'] == '3D Render')
	result = api.txt2img(prompt='a teapot', styles=['3D Render'], seed=1, **TINY)
	template = str(style['prompt'])
	expected = template.replace('{prompt}', 'a teapot') if '{prompt}' in template else f'a teapot, {template}'
	assert result.info['prompt'] == expected, 'A1111 rule: {prompt} is replaced, else the style is appended'
	assert result.info['styles'] == ['3D Render']


def test_options_refuse_a_wrong_value_by_name(api: WebUIApi) -> None:
	url = f'{api.baseurl}/options'
	for options, field in (
		({'sd_vae': 'missing.safetensors'}, 'sd_vae'),
		({'samples_format': 'bmp'}, 'samples_format'),
	):
		answer = requests.post(url, json=options, timeout=30)
		assert answer.status_code == 422 and answer.json()['detail'][0]['loc'] == ['body', field], answer.text
	assert requests.post(url, json={'sd_vae': 'None', 'some_option_of_an_extension': 3}, timeout=30).status_code == 200
	assert api.get_options()['sd_vae'] == 'Automatic' and api.get_options()['samples_format'] == 'png'
