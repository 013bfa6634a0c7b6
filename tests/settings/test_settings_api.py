"""The settings endpoints through gradio_client, as a script user calls them: /get_settings, /set_settings,
/reset_settings and /system_info on this CPU machine; a default saved through the API reaches the next start's runs
and their infotext."""

from collections.abc import Iterator
from dataclasses import replace
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp, free_port, start_app, stop_app

Json = dict[str, object]
ENDPOINTS = ('/get_settings', '/set_settings', '/reset_settings', '/system_info')


def _client(app: RunningApp) -> Client:
	return Client(app.url, analytics_enabled=False, verbose=False)


def _object(value: object) -> Json:
	assert isinstance(value, dict)
	return cast(Json, value)


@pytest.fixture
def settings_app(settings: Settings) -> Iterator[RunningApp]:
	app = start_app(replace(settings, port=free_port()))
	yield app
	stop_app(app)


def test_endpoints_are_public_and_documented(settings_app: RunningApp) -> None:
	api = _client(settings_app).view_api(print_info=False, return_format='dict')
	named = cast(dict[str, dict[str, object]], _object(api)['named_endpoints'])
	assert set(ENDPOINTS) <= set(named)
	for name in ENDPOINTS:
		assert str(named[name].get('description', '')).strip(), f'{name} has no description'
	parameters = cast(list[Json], named['/set_settings']['parameters'])
	names = [parameter['parameter_name'] for parameter in parameters]
	assert names[:3] == ['sampler', 'schedule', 'steps'] and 'file_name_pattern' in names and 'hf_token' in names
	assert all(parameter['parameter_has_default'] for parameter in parameters)


def test_set_get_reset_and_a_bad_value_changes_nothing(settings_app: RunningApp) -> None:
	client = _client(settings_app)
	first = _object(client.predict(api_name='/get_settings'))
	assert _object(first['settings'])['steps'] == 20 and first['hf_token_set'] is False
	assert first['set_by_flags'] == {'device': '--device cpu'}  # the test app starts with --device cpu
	saved = _object(
		client.predict(steps=33, output_format='JPEG', file_name_pattern='[seed]-[sampler]', api_name='/set_settings')
	)
	stored = _object(saved['settings'])
	assert (stored['steps'], stored['output_format'], stored['file_name_pattern']) == (33, 'JPEG', '[seed]-[sampler]')
	assert stored['sampler'] == 'DPM++ 2M'  # a parameter left out keeps its value
	with pytest.raises(AppError, match=r"file name pattern '\.\./\[seed\]'"):
		client.predict(steps=40, file_name_pattern='../[seed]', api_name='/set_settings')
	with pytest.raises(AppError, match='steps 500'):
		client.predict(steps=500, api_name='/set_settings')
	with pytest.raises(AppError, match="unknown section 'colours'"):
		client.predict(section='colours', api_name='/reset_settings')
	assert _object(client.predict(api_name='/get_settings'))['settings'] == stored
	reset = _object(client.predict(section='generation', api_name='/reset_settings'))
	assert _object(reset['settings'])['steps'] == 20 and _object(reset['settings'])['output_format'] == 'JPEG'


def test_system_info_on_this_cpu_machine(settings_app: RunningApp) -> None:
	info = _object(_client(settings_app).predict(api_name='/system_info'))
	assert (info['device'], info['dtype'], info['gpus']) == ('cpu', 'float32', [])
	versions = _object(info['versions'])
	assert all(versions.get(name) for name in ('torch', 'diffusers', 'transformers', 'gradio'))
	disks = cast(list[Json], info['disks'])
	assert [disk['label'] for disk in disks] == ['data', 'outputs']
	assert all(cast(int, disk['free_bytes']) > 0 and disk['folder'] for disk in disks)
	assert cast(int, info['ram_total_bytes']) > 0 and info['memory_mode'] == 'auto'
	recommended = cast(list[Json], info['recommended'])
	assert recommended[0]['family'] == 'SD 1.x' and 'CPU' in str(recommended[0]['why'])


def test_a_default_saved_through_the_api_reaches_a_run_and_its_infotext(settings: Settings) -> None:
	"""API callers get the defaults the page started with; after a restart a saved default is one of them."""
	app = start_app(replace(settings, port=free_port()))
	try:
		_client(app).predict(
			sampler='Euler a',
			steps=3,
			cfg_scale=5.5,
			width=64,
			height=72,
			clip_skip=2,
			negative_prompt='lowres, blurry',
			api_name='/set_settings',
		)
	finally:
		stop_app(app)
	app = start_app(replace(settings, port=free_port()))
	try:
		client = _client(app)
		outputs = client.predict(prompt='a lighthouse', model='tiny-sd15', seed=5, api_name='/generate')
	finally:
		stop_app(app)
	assert isinstance(outputs, tuple)
	infotext = cast(tuple[object, ...], outputs)[1]
	assert isinstance(infotext, str)
	assert infotext.startswith('a lighthouse\nNegative prompt: lowres, blurry\n')
	for part in ('Steps: 3', 'Sampler: Euler a', 'CFG scale: 5.5', 'Seed: 5', 'Size: 64x72', 'Clip skip: 2'):
		assert part in infotext
