"""A request the app refuses, told in A1111's field names: `n_iter` rather than batch_count, `hr_scale` rather than
hires_scale, so a client sees the name it sent."""

from collections.abc import Mapping

from pydantic import JsonValue, ValidationError

from localai_ui.sdapi.errors import ApiError, field_errors

A1111_NAMES: Mapping[str, str] = {
	'model': 'override_settings.sd_model_checkpoint',
	'sampler': 'sampler_name',
	'schedule': 'scheduler',
	'batch_count': 'n_iter',
	'clip_skip': 'override_settings.CLIP_stop_at_last_layers',
	'enable_hires': 'enable_hr',
	'hires_scale': 'hr_scale',
	'hires_resize_width': 'hr_resize_x',
	'hires_resize_height': 'hr_resize_y',
	'hires_steps': 'hr_second_pass_steps',
	'hires_denoising_strength': 'denoising_strength',
	'hires_upscaler': 'hr_upscaler',
	'hires_sampler': 'hr_sampler_name',
	'hires_prompt': 'hr_prompt',
	'hires_negative_prompt': 'hr_negative_prompt',
	'init_image': 'init_images',
	'mask_image': 'mask',
	'masked_content': 'inpainting_fill',
	'inpaint_area': 'inpaint_full_res',
	'inpaint_padding': 'inpaint_full_res_padding',
	'invert_mask': 'inpainting_mask_invert',
}


def a1111_name(field: str) -> str:
	"""The A1111 field that carries this app's request field `field`."""
	return A1111_NAMES.get(field, field)


def renamed_message(message: str, field: str) -> str:
	"""Pydantic's message without its prefix, and the app's field name swapped for A1111's where it leads."""
	text = message.removeprefix('Value error, ')
	shown = a1111_name(field).rsplit('.', 1)[-1]
	return f'{shown}{text[len(field) :]}' if field and text.startswith(f'{field} ') else text


def refused_request(error: ValidationError) -> ApiError:
	"""A 422 listing every field GenerationRequest refused, by the names the client sent."""
	problems: list[tuple[str, str, JsonValue]] = []
	for item in error.errors():
		location = [str(part) for part in item['loc']]
		field = location[0] if location else ''
		raw: object = item.get('input')
		value: JsonValue = raw if isinstance(raw, str | int | float | bool) else None
		problems.append((a1111_name(field) if field else '', renamed_message(str(item['msg']), field), value))
	return field_errors(problems)
