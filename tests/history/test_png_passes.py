"""The hires fix and the image settings go out in A1111's infotext keys and come back onto the Generate tab's
controls unchanged; an infotext without hires keys turns the hires fix off; odd values are named and skipped."""

from localai_ui.features.history.ui.send import SENT_FIELDS, send_values
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.png_info import GenerationSettings
from localai_ui.services.png_info.a1111 import read_infotext
from localai_ui.services.png_info.infotext import build_infotext, infotext_params
from localai_ui.services.png_info.settings_passes import with_passes


def _round_trip(request: GenerationRequest) -> tuple[GenerationSettings, tuple[str, ...]]:
	params = infotext_params(request, seed=7, model_name='tiny', model_hash=None, version='v1')
	text = build_infotext(prompt=request.prompt, negative_prompt=request.negative_prompt, params=params)
	info = read_infotext(text, {})
	assert info.settings is not None
	return info.settings, info.notes


def test_a_hires_run_comes_back_with_every_hires_setting() -> None:
	request = GenerationRequest(
		prompt='a fox',
		enable_hires=True,
		hires_scale=1.5,
		hires_steps=12,
		hires_denoising_strength=0.55,
		hires_upscaler='Latent (nearest-exact)',
		hires_sampler='DPM++ 2M',
		hires_prompt='a detailed fox',
		hires_negative_prompt='blurry',
	)
	settings, notes = _round_trip(request)
	assert notes == ()
	assert settings.enable_hires is True
	assert (settings.hires_scale, settings.hires_steps, settings.hires_denoising_strength) == (1.5, 12, 0.55)
	assert (settings.hires_upscaler, settings.hires_sampler) == ('Latent (nearest-exact)', 'DPM++ 2M')
	assert (settings.hires_prompt, settings.hires_negative_prompt) == ('a detailed fox', 'blurry')
	assert (settings.hires_resize_width, settings.hires_resize_height) == (0, 0)
	assert settings.denoising_strength is None


def test_a_hires_target_size_comes_back_as_the_size_not_a_scale() -> None:
	request = GenerationRequest(
		enable_hires=True, hires_resize_width=768, hires_resize_height=640, hires_upscaler='Lanczos'
	)
	settings, _ = _round_trip(request)
	assert (settings.hires_resize_width, settings.hires_resize_height, settings.hires_scale) == (768, 640, None)
	assert settings.hires_steps == 0


def test_an_inpaint_run_comes_back_with_its_image_settings_and_hires_off() -> None:
	request = GenerationRequest(
		init_image='inputs/a.png',
		mask_image='inputs/b.png',
		denoising_strength=0.4,
		mask_blur=9,
		masked_content='latent noise',
		inpaint_area='Only masked',
		inpaint_padding=48,
		invert_mask=True,
	)
	settings, notes = _round_trip(request)
	assert notes == ()
	assert settings.enable_hires is False
	assert settings.denoising_strength == 0.4
	assert (settings.mask_blur, settings.masked_content, settings.inpaint_area) == (9, 'latent noise', 'Only masked')
	assert (settings.inpaint_padding, settings.invert_mask) == (48, True)


def test_a_plain_text_run_turns_hires_off_and_leaves_the_image_settings_alone() -> None:
	settings, _ = _round_trip(GenerationRequest(prompt='a fox'))
	assert settings.enable_hires is False
	assert (settings.mask_blur, settings.masked_content, settings.invert_mask, settings.denoising_strength) == (
		None,
		None,
		None,
		None,
	)


def test_odd_values_are_named_and_skipped() -> None:
	notes: list[str] = []
	params = {
		'Denoising strength': '1.7',
		'Hires upscale': 'big',
		'Hires resize': '9000x9000',
		'Hires steps': '2.5',
		'Hires sampler': 'Warp drive',
		'Masked content': 'glitter',
		'Mask blur': '500',
	}
	settings = with_passes(GenerationSettings(), params, notes)
	assert settings.enable_hires is True
	assert settings.hires_denoising_strength is None
	assert settings.hires_scale is None
	assert (settings.hires_resize_width, settings.hires_steps, settings.hires_sampler) == (0, 0, '')
	assert (settings.masked_content, settings.mask_blur) == (None, None)
	joined = '\n'.join(notes)
	for named in ('Denoising strength', 'Hires resize', 'Hires steps', 'Warp drive', 'glitter', 'Mask blur'):
		assert named in joined


def test_send_to_generate_sets_the_hires_and_image_controls() -> None:
	settings, _ = _round_trip(GenerationRequest(prompt='a fox', enable_hires=True, hires_upscaler='Lanczos'))
	values = dict(zip(SENT_FIELDS, send_values(settings), strict=False))
	assert values['enable_hires'] is True and values['hires_upscaler'] == 'Lanczos' and values['hires_scale'] == 2.0
	inpaint, _ = _round_trip(GenerationRequest(init_image='inputs/a.png', mask_image='inputs/b.png', mask_blur=12))
	sent = dict(zip(SENT_FIELDS, send_values(inpaint), strict=False))
	assert sent['mask_blur'] == 12 and sent['enable_hires'] is False and sent['denoising_strength'] == 0.75
