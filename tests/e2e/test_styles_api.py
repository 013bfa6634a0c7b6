"""The style endpoints through gradio_client, as a script user would call them."""

from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from tests.e2e.conftest import RunningApp

STYLE_ENDPOINTS = ['/list_styles', '/save_style', '/delete_style', '/import_styles', '/export_styles', '/apply_styles']


def styles_of(value: object) -> list[dict[str, object]]:
	assert isinstance(value, list)
	return cast(list[dict[str, object]], value)


def upload(path: Path) -> dict[str, object]:
	"""What gradio_client.handle_file(path) builds: the client uploads it."""
	return {'path': str(path), 'meta': {'_type': 'gradio.FileData'}}


def test_endpoints_are_public_and_documented(client: Client) -> None:
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	named = cast(dict[str, dict[str, object]], api['named_endpoints'])
	assert set(STYLE_ENDPOINTS) <= set(named)
	parameters = cast(list[dict[str, object]], named['/apply_styles']['parameters'])
	assert [parameter['parameter_name'] for parameter in parameters] == ['prompt', 'negative_prompt', 'styles']
	generate = cast(list[dict[str, object]], named['/generate']['parameters'])
	assert [parameter['parameter_name'] for parameter in generate][12:14] == ['styles', 'clip_skip']


def test_list_save_apply_delete(client: Client) -> None:
	shipped = styles_of(client.predict(api_name='/list_styles'))
	assert len(shipped) >= 80 and all(style['builtin'] for style in shipped)
	noir = styles_of(client.predict(query='noir', api_name='/list_styles'))
	assert 'Film Noir' in [style['name'] for style in noir]
	saved = client.predict(name='Mine', prompt='my {prompt}', negative_prompt='bad', api_name='/save_style')
	assert saved == {
		'name': 'Mine',
		'category': 'My styles',
		'prompt': 'my {prompt}',
		'negative_prompt': 'bad',
		'builtin': False,
	}
	final = client.predict(
		prompt='a fox', negative_prompt='blurry', styles=['Mine', 'Golden Hour'], api_name='/apply_styles'
	)
	assert final == (
		'my a fox, golden hour sunlight, long warm shadows, glowing rim light',
		'blurry, bad, harsh midday light, overcast, cold blue cast',
	)
	assert client.predict(name='Mine', api_name='/delete_style') == "Deleted style 'Mine'."
	assert styles_of(client.predict(category='My styles', api_name='/list_styles')) == []


def test_errors_are_messages(client: Client, tmp_path: Path) -> None:
	with pytest.raises(AppError, match='read-only; duplicate it'):
		client.predict(name='Film Noir', api_name='/delete_style')
	with pytest.raises(AppError, match="Unknown style 'Nope'"):
		client.predict(prompt='x', styles=['Nope'], api_name='/apply_styles')
	bad = tmp_path / 'bad.csv'
	bad.write_text('name,prompt\nA,x\nB,x,y,z\n', encoding='utf-8')
	with pytest.raises(AppError, match='bad.csv: line 3: 4 fields.*nothing was imported'):
		client.predict(file=upload(bad), api_name='/import_styles')
	with pytest.raises(AppError, match='merge.*not in the list of choices'):
		client.predict(file=upload(bad), on_clash='merge', api_name='/import_styles')
	with pytest.raises(AppError, match='xml.*not in the list of choices'):
		client.predict(file_format='xml', api_name='/export_styles')


def test_import_then_export_round_trip(client: Client, tmp_path: Path, running_app: RunningApp) -> None:
	source = tmp_path / 'styles.csv'
	source.write_bytes(b'\xef\xbb\xbfname,prompt,negative_prompt\n"A, b","x {prompt}",n\nFilm Noir,mine,\n')
	summary = client.predict(file=upload(source), on_clash='rename', api_name='/import_styles')
	assert summary == 'Imported 2 styles: 1 added, 1 renamed (Film Noir -> Film Noir (2)).'
	exported = Path(str(client.predict(file_format='csv', api_name='/export_styles')))
	assert exported.name == 'styles.csv'
	assert exported.read_bytes().decode('utf-8-sig').splitlines() == [
		'name,prompt,negative_prompt',
		'"A, b",x {prompt},n',
		'Film Noir (2),mine,',
	]
	as_json = Path(str(client.predict(file_format='json', include_builtins=True, api_name='/export_styles')))
	assert as_json.suffix == '.json' and '"Film Noir"' in as_json.read_text(encoding='utf-8')
	assert running_app.context.settings.data_dir not in as_json.parents
	again = client.predict(file=upload(exported), on_clash='skip', api_name='/import_styles')
	assert again == 'Imported 0 styles: 2 already present unchanged.'


def test_generate_applies_styles(client: Client) -> None:
	client.predict(name='Framed', prompt='framed {prompt}', negative_prompt='cropped', api_name='/save_style')
	result = client.predict(
		prompt='a cat', styles=['Framed', 'Golden Hour'], width=64, height=64, steps=2, api_name='/generate'
	)
	assert isinstance(result, tuple)
	infotext = str(cast(tuple[object, ...], result)[1])
	assert infotext.startswith('framed a cat, golden hour sunlight')
	assert 'Styles: "Framed, Golden Hour"' in infotext
