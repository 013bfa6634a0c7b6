"""The History API through gradio_client: search, details, delete and PNG Info, as a script would call them."""

from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.e2e.conftest import RunningApp
from tests.history.png_samples import SAMPLES

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 2}


def as_dict(value: object) -> dict[str, object]:
	assert isinstance(value, dict)
	return cast(dict[str, object], value)


def upload(path: Path) -> dict[str, object]:
	return {'path': str(path), 'meta': {'_type': 'gradio.FileData'}}


def items_of(page: object) -> list[dict[str, object]]:
	return [as_dict(item) for item in cast(list[object], as_dict(page)['items'])]


def test_search_details_and_delete(client: Client, running_app: RunningApp) -> None:
	client.predict(prompt='a paper boat', seed=21, batch_size=2, api_name='/generate', **SMALL)
	client.predict(prompt='a stone bridge', seed=5, api_name='/generate', **SMALL)
	boats = items_of(client.predict(text='boat', api_name='/search_history'))
	assert [item['seed'] for item in boats] == [22, 21]
	assert items_of(client.predict(model='nope', api_name='/search_history')) == []
	details = as_dict(client.predict(image_id=boats[0]['image_id'], api_name='/get_generation'))
	assert details['prompt'] == 'a paper boat' and details['model'] == 'tiny-sd15' and details['steps'] == 2
	outputs = running_app.context.settings.outputs_dir
	assert (outputs / str(details['file'])).is_file()
	deleted = client.predict(generation_id=details['generation_id'], api_name='/delete_generation')
	assert as_dict(deleted) == {'deleted': 2}
	assert not (outputs / str(details['file'])).exists()
	[bridge] = items_of(client.predict(api_name='/search_history'))
	assert bridge['prompt'] == 'a stone bridge'
	with pytest.raises(AppError, match='is not part of generation'):
		client.predict(generation_id=999, image_id=bridge['image_id'], api_name='/delete_generation')
	one = client.predict(
		generation_id=bridge['generation_id'], image_id=bridge['image_id'], api_name='/delete_generation'
	)
	assert as_dict(one) == {'deleted': 1} and items_of(client.predict(api_name='/search_history')) == []
	with pytest.raises(AppError, match='not in the history'):
		client.predict(image_id=999, api_name='/get_generation')
	with pytest.raises(AppError, match='YYYY-MM-DD'):
		client.predict(date_from='yesterday', api_name='/search_history')


def test_read_png_info_of_an_uploaded_file(client: Client, tmp_path: Path) -> None:
	path = tmp_path / 'comfy.png'
	path.write_bytes(SAMPLES['comfyui'])
	values = as_dict(client.predict(upload(path), api_name='/read_png_info'))
	assert values['source'] == 'ComfyUI' and values['prompt'] == 'a misty forest'
	settings = as_dict(values['settings'])
	assert settings['seed'] == 42 and settings['styles'] == []  # no styles in the file: Generate's are cleared


def test_read_png_info_takes_our_styles_back_out_of_the_prompt(client: Client, running_app: RunningApp) -> None:
	client.predict(prompt='a red apple', styles=['Film Noir'], api_name='/generate', **SMALL)
	[ours] = running_app.context.settings.outputs_dir.glob('*/*.png')
	values = as_dict(client.predict(upload(ours), api_name='/read_png_info'))
	assert str(values['prompt']).startswith('film noir scene of a red apple, ')
	settings = as_dict(values['settings'])
	assert (settings['prompt'], settings['styles']) == ('a red apple', ['Film Noir']) and values['notes'] == []


def test_history_endpoints_are_public(client: Client) -> None:
	api = as_dict(client.view_api(print_info=False, return_format='dict'))
	named = as_dict(api['named_endpoints'])
	assert {'/search_history', '/get_generation', '/delete_generation', '/read_png_info'} <= set(named)
