"""/img2img through gradio_client, as a script user calls it: an image (and a mask) in, images out; the run
records the picture it started from; bad files and missing images answer with messages that name them."""

import json
from pathlib import Path
from typing import cast

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from localai_ui.schemas.generate_fields import IMG2IMG_FIELD_NAMES
from tests.e2e.conftest import RunningApp
from tests.e2e.test_api import latest_id, outputs_of, record

SMALL: dict[str, object] = {'width': 64, 'height': 64, 'steps': 4}


@pytest.fixture
def picture(tmp_path: Path) -> Path:
	path = tmp_path / 'start.png'
	Image.new('RGB', (96, 64), (200, 40, 40)).save(path)
	return path


@pytest.fixture
def mask(tmp_path: Path) -> Path:
	path = tmp_path / 'mask.png'
	drawn = Image.new('L', (96, 64), 0)
	drawn.paste(255, (32, 16, 64, 48))
	drawn.save(path)
	return path


def test_img2img_redraws_the_image_and_records_where_it_started(
	client: Client, running_app: RunningApp, picture: Path
) -> None:
	images, infotext, seeds, *_ = outputs_of(
		client.predict(
			image=handle_file(picture),
			denoising_strength=0.5,
			prompt='a red square',
			seed=5,
			api_name='/img2img',
			**SMALL,
		)
	)
	assert isinstance(images, list) and len(cast(list[object], images)) == 1
	assert isinstance(infotext, str) and 'Denoising strength: 0.5' in infotext and 'Size: 64x64' in infotext
	assert seeds == [5]
	asked = json.loads(record(running_app, latest_id(running_app)).request_json)
	assert str(asked['init_image']).startswith('inputs/') and asked['mask_image'] is None
	stored = running_app.context.settings.data_dir / str(asked['init_image'])
	with Image.open(stored) as kept:
		assert kept.size == (96, 64)


def test_a_mask_makes_it_inpainting_and_the_infotext_says_so(
	client: Client, running_app: RunningApp, picture: Path, mask: Path
) -> None:
	_, infotext, *_ = outputs_of(
		client.predict(
			image=handle_file(picture),
			mask=handle_file(mask),
			mask_blur=6,
			inpaint_area='Only masked',
			prompt='a blue dot',
			api_name='/img2img',
			**SMALL,
		)
	)
	assert isinstance(infotext, str)
	assert 'Mask blur: 6' in infotext and 'Inpaint area: Only masked' in infotext
	asked = json.loads(record(running_app, latest_id(running_app)).request_json)
	assert str(asked['mask_image']).startswith('inputs/')


def test_img2img_is_public_with_the_pinned_parameters(client: Client) -> None:
	api = client.view_api(print_info=False, return_format='dict')
	assert isinstance(api, dict)
	named = cast(dict[str, dict[str, object]], api['named_endpoints'])
	parameters = cast(list[dict[str, object]], named['/img2img']['parameters'])
	assert [parameter['parameter_name'] for parameter in parameters] == list(IMG2IMG_FIELD_NAMES)
	assert not any('inpaint' in name for name in named), 'the Inpaint tab handler is private'
	for endpoint in ('/generate', '/img2img'):
		listed = cast(list[dict[str, object]], named[endpoint]['parameters'])
		required = [parameter['parameter_name'] for parameter in listed if not parameter['parameter_has_default']]
		assert required == [], f'{endpoint}: every parameter has a default, so a script names only what it changes'


def test_bad_images_answer_with_a_message(client: Client, tmp_path: Path, picture: Path) -> None:
	with pytest.raises(AppError, match='needs an image to start from'):
		client.predict(prompt='x', api_name='/img2img', **SMALL)
	text = tmp_path / 'notes.png'
	text.write_text('not a picture')
	with pytest.raises(AppError, match='not a picture'):
		client.predict(image=handle_file(text), prompt='x', api_name='/img2img', **SMALL)
	with pytest.raises(AppError, match='greater than maximum value 1'):
		client.predict(image=handle_file(picture), denoising_strength=3, api_name='/img2img', **SMALL)
	assert client.predict(image=handle_file(picture), prompt='fine', api_name='/img2img', **SMALL) is not None


def test_a_wrong_or_empty_mask_is_refused_before_anything_is_recorded(
	client: Client, running_app: RunningApp, picture: Path, tmp_path: Path
) -> None:
	before = latest_id(running_app)
	small, empty = tmp_path / 'small.png', tmp_path / 'empty.png'
	Image.new('L', (32, 32), 255).save(small)
	Image.new('L', (96, 64), 0).save(empty)
	with pytest.raises(AppError, match='the mask is 32x32 but the image is 96x64'):
		client.predict(image=handle_file(picture), mask=handle_file(small), api_name='/img2img', **SMALL)
	with pytest.raises(AppError, match='the mask is empty'):
		client.predict(image=handle_file(picture), mask=handle_file(empty), api_name='/img2img', **SMALL)
	assert latest_id(running_app) == before


def test_img2img_streams_previews_through_submit(client: Client, picture: Path) -> None:
	job = client.submit(
		image=handle_file(picture), prompt='a blue circle', api_name='/img2img', **{**SMALL, 'steps': 8}
	)
	results = [Path(str(output[3])).suffix for output in (outputs_of(item) for item in job) if output[3]]
	assert results.count('.jpeg') >= 2, 'live previews reach the caller while the run goes on'
	assert results[-1] == '.png'
