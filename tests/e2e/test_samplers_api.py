"""/list_samplers through gradio_client: every sampler it lists runs through /generate under that name."""

from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 2, 'seed': 3}
NEW_SAMPLERS = {'DEIS', 'DDPM', 'TCD', 'DPM++ 2M SDE Heun', 'DPM++ 3M SDE', 'DPM++ 2S a'}


def samplers_of(client: Client) -> dict[str, dict[str, object]]:
	listed = client.predict(api_name='/list_samplers')
	assert isinstance(listed, list)
	entries = cast(list[dict[str, object]], listed)
	return {str(entry['name']): entry for entry in entries}


def infotext_of(value: object) -> str:
	assert isinstance(value, tuple)
	infotext = cast(tuple[object, ...], value)[1]
	assert isinstance(infotext, str)
	return infotext


def test_list_samplers_is_public_takes_nothing_and_names_schedules(client: Client) -> None:
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	named = cast(dict[str, dict[str, object]], api['named_endpoints'])
	assert named['/list_samplers']['parameters'] == []
	samplers = samplers_of(client)
	assert NEW_SAMPLERS | {'DPM++ 2M', 'Euler a', 'DDIM', 'UniPC', 'LCM'} <= set(samplers)
	assert not {'DPM fast', 'DPM adaptive', 'Restart', 'DDIM CFG++'} & set(samplers)
	for name, entry in samplers.items():
		schedules = cast(list[str], entry['schedules'])
		assert schedules[0] == 'Automatic', name
		assert entry['automatic'] in schedules, name
		description = entry['description']
		assert isinstance(description, str) and description and '\n' not in description, name
	assert 'Karras' in cast(list[str], samplers['Euler a']['schedules'])
	assert samplers['TCD']['schedules'] == ['Automatic']


def test_a_listed_sampler_and_schedule_run_under_their_names(client: Client) -> None:
	samplers = samplers_of(client)
	schedule = cast(list[str], samplers['DPM++ 2M SDE Heun']['schedules'])[2]
	infotext = infotext_of(
		client.predict(prompt='a pear', sampler='DPM++ 2M SDE Heun', schedule=schedule, api_name='/generate', **SMALL)
	)
	assert f'Sampler: DPM++ 2M SDE Heun, Schedule type: {schedule}' in infotext
	deis = infotext_of(client.predict(prompt='a pear', sampler='DEIS', api_name='/generate', **SMALL))
	assert 'Sampler: DEIS' in deis


def test_a_schedule_the_list_leaves_out_is_refused_with_the_choices(client: Client) -> None:
	assert 'Karras' not in cast(list[str], samplers_of(client)['DDPM']['schedules'])
	with pytest.raises(AppError, match="sampler 'DDPM' cannot run schedule type 'Karras'; it accepts: Automatic"):
		client.predict(prompt='a pear', sampler='DDPM', schedule='Karras', api_name='/generate', **SMALL)
