"""txt2img and img2img through webuiapi, as a script written for A1111 calls them: the same pixels as the app's own
/generate, the run in History with its infotext, LoRA tags, inpainting and /options switching the model."""

import json
from typing import cast

import numpy as np
from gradio_client import Client
from webuiapi import WebUIApi

from localai_ui.schemas.progress import RunStatus
from tests.e2e.conftest import RunningApp
from tests.e2e.test_api import latest_id, outputs_of, record
from tests.sdapi.conftest import SECOND_MODEL, TINY
from tests.sdapi.pictures import centre_mask, differ, file_pixels, pixels, red_square


def gallery_path(value: object) -> str:
	"""The first picture of a gradio_client gallery output (a list of {'image': path, 'caption': ...})."""
	assert isinstance(value, list) and value
	first = cast(list[object], value)[0]
	if isinstance(first, dict):
		first = cast(dict[str, object], first)['image']
	assert isinstance(first, str)
	return first


def test_txt2img_gives_the_pixels_generate_gives_for_the_same_request(api: WebUIApi, api_app: RunningApp) -> None:
	result = api.txt2img(prompt='a lighthouse', negative_prompt='fog', seed=42, cfg_scale=5, **TINY)
	assert len(result.images) == 1 and result.image.size == (64, 64)
	assert result.info['all_seeds'] == [42] and result.info['sd_model_name'] == 'tiny-sd15'
	client = Client(api_app.url, analytics_enabled=False, verbose=False)
	images, infotext, seeds, *_ = outputs_of(
		client.predict(
			prompt='a lighthouse',
			negative_prompt='fog',
			sampler='Euler a',
			seed=42,
			cfg_scale=5,
			api_name='/generate',
			**TINY,
		)
	)
	assert seeds == [42]
	assert np.array_equal(pixels(result.image), file_pixels(gallery_path(images)))
	assert cast(list[str], result.info['infotexts']) == [infotext]


def test_the_run_is_in_history_with_the_infotext_the_png_carries(api: WebUIApi, api_app: RunningApp) -> None:
	result = api.txt2img(prompt='a red barn', seed=3, batch_size=2, **TINY)
	assert len(result.images) == 2 and result.info['all_seeds'] == [3, 4]
	saved = record(api_app, latest_id(api_app))
	assert saved.status is RunStatus.COMPLETED and saved.prompt == 'a red barn' and saved.seeds == (3, 4)
	infotexts = cast(list[str], result.info['infotexts'])
	assert saved.infotext == infotexts[0] and 'Seed: 3' in infotexts[0] and 'Seed: 4' in infotexts[1]
	assert [image.info['parameters'] for image in result.images] == infotexts
	written = sorted(api_app.context.settings.outputs_dir.glob('*/*.png'), key=lambda path: path.stat().st_mtime)
	assert np.array_equal(file_pixels(written[-1]), pixels(result.images[1]))


def test_a_lora_tag_in_the_prompt_changes_the_image(api: WebUIApi) -> None:
	plain = api.txt2img(prompt='a bowl', seed=9, **TINY)
	tagged = api.txt2img(prompt='a bowl <lora:good_lora:1>', seed=9, **TINY)
	assert differ(plain.image, tagged.image)
	assert 'good_lora' in cast(list[str], tagged.info['infotexts'])[0]


def test_img2img_redraws_the_init_image(api: WebUIApi, api_app: RunningApp) -> None:
	result = api.img2img(images=[red_square()], prompt='a tomato', denoising_strength=0.5, seed=1, **TINY)
	assert result.image.size == (64, 64) and result.info['denoising_strength'] == 0.5
	assert 'Denoising strength: 0.5' in cast(list[str], result.info['infotexts'])[0]
	saved = record(api_app, latest_id(api_app))
	assert saved.mode == 'img2img' and saved.status is RunStatus.COMPLETED
	init = api_app.context.settings.data_dir / str(json.loads(saved.request_json)['init_image'])
	assert np.array_equal(file_pixels(init), pixels(red_square()))


def test_a_mask_makes_it_inpainting_and_keeps_the_rest(api: WebUIApi, api_app: RunningApp) -> None:
	result = api.img2img(
		images=[red_square()], mask_image=centre_mask(), mask_blur=2, prompt='a blue dot', seed=2, **TINY
	)
	infotext = cast(list[str], result.info['infotexts'])[0]
	assert 'Mask blur: 2' in infotext and 'Inpaint area: Only masked' in infotext
	assert record(api_app, latest_id(api_app)).mode == 'inpaint'
	drawn, start = pixels(result.image), pixels(red_square())
	assert np.array_equal(drawn[:8, :8], start[:8, :8]), 'the unmasked corner keeps the init image'
	assert not np.array_equal(drawn[28:36, 28:36], start[28:36, 28:36]), 'the masked centre is redrawn'


def test_options_switch_the_model_for_the_next_runs(api: WebUIApi) -> None:
	before = api.txt2img(prompt='a kite', seed=5, **TINY)
	api.util_set_model(SECOND_MODEL, find_closest=False)
	try:
		assert api.util_get_current_model().startswith(SECOND_MODEL)
		after = api.txt2img(prompt='a kite', seed=5, **TINY)
		assert after.info['sd_model_name'] == SECOND_MODEL and differ(before.image, after.image)
	finally:
		api.set_options({'sd_model_checkpoint': 'tiny-sd15'})
	assert api.get_options()['sd_model_checkpoint'] == 'tiny-sd15'
	once = api.txt2img(prompt='a kite', seed=5, override_settings={'sd_model_checkpoint': SECOND_MODEL}, **TINY)
	assert once.info['sd_model_name'] == SECOND_MODEL and np.array_equal(pixels(once.image), pixels(after.image))
	assert api.get_options()['sd_model_checkpoint'] == 'tiny-sd15', 'an override lasts one request'


def test_hires_fix_and_a_clip_skip_override(api: WebUIApi) -> None:
	result = api.txt2img(
		prompt='a castle',
		seed=6,
		enable_hr=True,
		hr_scale=2,
		denoising_strength=0.5,
		override_settings={'CLIP_stop_at_last_layers': 2},
		**TINY,
	)
	assert result.image.size == (128, 128)
	infotext = cast(list[str], result.info['infotexts'])[0]
	assert 'Hires upscale: 2' in infotext and 'Denoising strength: 0.5' in infotext and 'Clip skip: 2' in infotext
	assert api.get_options()['CLIP_stop_at_last_layers'] == 1, 'an override lasts one request'


def test_samples_format_sets_the_file_format(api: WebUIApi) -> None:
	api.set_options({'samples_format': 'jpg'})
	try:
		result = api.txt2img(prompt='a jar', seed=8, **TINY)
		assert result.image.format == 'JPEG' and api.get_options()['samples_format'] == 'jpg'
	finally:
		api.set_options({'samples_format': 'png'})
	assert api.txt2img(prompt='a jar', seed=8, **TINY).image.format == 'PNG'
