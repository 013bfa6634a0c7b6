"""The hires fix and the image settings read back from A1111's infotext keys. An infotext without hires keys turns
the hires fix off (the image had none); image settings it does not name are left as the tab has them."""

from collections.abc import Mapping
from dataclasses import replace

from localai_ui.schemas.hires import MAX_HIRES_SIDE
from localai_ui.schemas.image_to_image import INPAINT_AREAS, MASKED_CONTENTS
from localai_ui.schemas.png_info import GenerationSettings
from localai_ui.schemas.samplers import split_sampler_name

HIRES_KEYS = ('Hires upscale', 'Hires resize', 'Hires upscaler', 'Hires steps')


def _float(params: Mapping[str, str], key: str, low: float, high: float, notes: list[str]) -> float | None:
	text = params.get(key)
	if text is None:
		return None
	try:
		value = float(text.strip())
	except ValueError:
		value = None
	if value is None or not low <= value <= high:
		notes.append(f'{key} {text!r} is outside what this app accepts ({low:g}-{high:g}); not restored')
		return None
	return value


def _whole(params: Mapping[str, str], key: str, high: int, notes: list[str]) -> int | None:
	value = _float(params, key, 0, high, notes)
	if value is not None and not value.is_integer():
		notes.append(f'{key} {params[key]!r} is not a whole number; not restored')
		return None
	return None if value is None else int(value)


def _choice(params: Mapping[str, str], key: str, choices: tuple[str, ...], notes: list[str]) -> str | None:
	value = params.get(key)
	if value is None or value in choices:
		return value
	notes.append(f'{key} {value!r} is not one of {", ".join(choices)}; not restored')
	return None


def _hires_resize(params: Mapping[str, str], notes: list[str]) -> tuple[int, int] | None:
	text = params.get('Hires resize')
	if text is None:
		return None
	width, _, height = text.partition('x')
	if width.isdigit() and height.isdigit() and max(int(width), int(height)) <= MAX_HIRES_SIDE:
		return int(width), int(height)
	notes.append(f'Hires resize {text!r} is not a size up to {MAX_HIRES_SIDE}x{MAX_HIRES_SIDE}; not restored')
	return None


def _hires_sampler(params: Mapping[str, str], notes: list[str]) -> str:
	name = params.get('Hires sampler', '')
	try:
		return split_sampler_name(name)[0] if name else ''
	except ValueError:
		notes.append(f'hires sampler {name!r} has no match here; the same sampler is used')
		return ''


def with_passes(settings: GenerationSettings, params: Mapping[str, str], notes: list[str]) -> GenerationSettings:
	"""`settings` with the hires fix (on only when the infotext has its keys) and the image settings it names."""
	image = replace(
		settings,
		mask_blur=_whole(params, 'Mask blur', 64, notes),
		masked_content=_choice(params, 'Masked content', MASKED_CONTENTS, notes),
		inpaint_area=_choice(params, 'Inpaint area', INPAINT_AREAS, notes),
		inpaint_padding=_whole(params, 'Masked area padding', 256, notes),
		invert_mask=params['Mask mode'] == 'Inpaint not masked' if 'Mask mode' in params else None,
	)
	strength = _float(params, 'Denoising strength', 0, 1, notes)
	if not any(key in params for key in HIRES_KEYS):
		return replace(image, enable_hires=False, denoising_strength=strength)
	size = _hires_resize(params, notes)
	return replace(
		image,
		enable_hires=True,
		hires_scale=None if size else _float(params, 'Hires upscale', 1, 4, notes),
		hires_resize_width=size[0] if size else 0,
		hires_resize_height=size[1] if size else 0,
		hires_steps=_whole(params, 'Hires steps', 150, notes) or 0,
		hires_denoising_strength=strength,
		hires_upscaler=params.get('Hires upscaler'),
		hires_sampler=_hires_sampler(params, notes),
		hires_prompt=params.get('Hires prompt', ''),
		hires_negative_prompt=params.get('Hires negative prompt', ''),
	)
