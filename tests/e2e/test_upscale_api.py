"""/upscale through gradio_client, as a script calls it: a picture in, the saved picture and its infotext out, kept
in History; bad pictures, names and sizes answer with messages that name them and record nothing."""

from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from localai_ui.database import crud as database_service
from localai_ui.settings import Settings
from tests.e2e.conftest import RunningApp
from tests.e2e.test_api import latest_id, outputs_of, record
from tests.upscale.upscaler_folder import add_bad_upscalers, add_good_upscalers


@pytest.fixture
def app_settings(app_settings: Settings, tmp_path: Path) -> Settings:
	add_good_upscalers(app_settings.upscalers_dir)
	add_bad_upscalers(app_settings.upscalers_dir, tmp_path / 'marker')
	return app_settings


@pytest.fixture
def picture(tmp_path: Path) -> Path:
	path = tmp_path / 'small.png'
	Image.new('RGB', (48, 32), (200, 90, 30)).save(path)
	return path


def test_upscale_returns_the_saved_picture_and_its_infotext(
	client: Client, running_app: RunningApp, picture: Path
) -> None:
	image, infotext = outputs_of(
		client.predict(image=handle_file(picture), upscaler='compact-x2', scale=2, api_name='/upscale')
	)
	assert isinstance(image, str) and isinstance(infotext, str)
	with Image.open(image) as returned:
		assert returned.size == (96, 64)
		assert returned.info['parameters'] == infotext
	assert infotext.startswith('Postprocess upscale by: 2, Postprocess upscaler: compact-x2')
	row = record(running_app, latest_id(running_app))
	assert (row.mode, row.model_name, row.infotext) == ('upscale', 'compact-x2', infotext)
	[saved] = running_app.context.settings.outputs_dir.glob('*/upscale-*.png')
	assert saved.read_bytes() == Path(image).read_bytes()


def test_upscale_is_public_with_named_parameters(client: Client) -> None:
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	named = cast(dict[str, dict[str, object]], api['named_endpoints'])
	parameters = cast(list[dict[str, object]], named['/upscale']['parameters'])
	assert [parameter['parameter_name'] for parameter in parameters] == [
		'image',
		'upscaler',
		'scale',
		'resize_width',
		'resize_height',
	]


def test_bad_input_is_named_and_nothing_is_recorded(
	client: Client, running_app: RunningApp, picture: Path, tmp_path: Path
) -> None:
	text = tmp_path / 'notes.png'
	text.write_text('not a picture')
	huge = tmp_path / 'wide.png'
	Image.new('L', (9000, 4)).save(huge)
	cases: list[tuple[dict[str, object], str]] = [
		({'image': handle_file(text)}, 'notes.png: not a picture this app can read'),
		({'image': handle_file(huge)}, 'the image to upscale is 9000x4: at most 8192 px on a side'),
		({'image': handle_file(picture), 'upscaler': 'ESRGAN_4x'}, "unknown upscaler 'ESRGAN_4x'; choose one of: None"),
		({'image': handle_file(picture), 'upscaler': 'unknown'}, 'spandrel does not recognise it'),
		({'image': handle_file(picture), 'upscaler': 'truncated'}, 'truncated'),
		({'image': handle_file(picture), 'scale': 9}, 'greater than maximum value 8'),
		({}, 'Upscale needs a picture'),
	]
	for values, message in cases:
		with pytest.raises(AppError, match=message):
			client.predict(api_name='/upscale', **values)
	with running_app.context.database.transaction() as session:
		assert database_service.count_generations(session) == 0
	image, _ = outputs_of(client.predict(image=handle_file(picture), upscaler='Bicubic', api_name='/upscale'))
	assert isinstance(image, str) and Path(image).is_file(), 'the app is still usable'
