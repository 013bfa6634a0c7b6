"""From A1111-named parameters (every reader produces them) to the settings the Generate tab takes."""

from collections.abc import Mapping

from localai_ui.schemas.generation import MAX_SEED, MAX_SIDE, MIN_SIDE
from localai_ui.schemas.png_info import GenerationSettings
from localai_ui.schemas.samplers import SCHEDULE_NAMES, runnable_schedule, split_sampler_name
from localai_ui.services.png_info.settings_passes import with_passes


def _number(text: str | None, kind: type[int] | type[float]) -> int | float | None:
	if text is None:
		return None
	try:
		value = kind(text.strip())
	except ValueError:
		return None
	return value


def _int(params: Mapping[str, str], key: str, low: int, high: int, notes: list[str]) -> int | None:
	value = _number(params.get(key), float)
	if value is None or not float(value).is_integer() or not low <= value <= high:
		if key in params:
			notes.append(f'{key} {params[key]!r} is outside what this app accepts ({low}-{high}); not restored')
		return None
	return int(value)


def _size(params: Mapping[str, str], notes: list[str]) -> tuple[int | None, int | None]:
	width, _, height = params.get('Size', '').partition('x')
	sides = (_number(width, int), _number(height, int))
	if any(side is None or not MIN_SIDE <= side <= MAX_SIDE or side % 8 for side in sides):
		if 'Size' in params:
			notes.append(f'Size {params["Size"]!r}: sides must be multiples of 8 from {MIN_SIDE} to {MAX_SIDE}')
		return None, None
	return int(sides[0] or 0), int(sides[1] or 0)


def _sampler(params: Mapping[str, str], notes: list[str]) -> tuple[str | None, str | None]:
	name = params.get('Sampler')
	schedule = params.get('Schedule type')
	if schedule not in SCHEDULE_NAMES:
		schedule = None
	if name is None:
		return None, schedule
	try:
		sampler, combined = split_sampler_name(name)
	except ValueError:
		notes.append(f'sampler {name!r} has no match here; not restored')
		return None, schedule
	return sampler, runnable_schedule(sampler, schedule or combined)


def settings_from_params(
	prompt: str, negative_prompt: str, params: Mapping[str, str], notes: list[str]
) -> GenerationSettings:
	"""Settings for the Generate tab; values out of our ranges are left out and explained in `notes`."""
	cfg = _number(params.get('CFG scale'), float)
	if cfg is not None and not 1 <= cfg <= 30:
		notes.append(f'CFG scale {cfg} is outside 1-30; not restored')
		cfg = None
	sampler, schedule = _sampler(params, notes)
	width, height = _size(params, notes)
	styles = params.get('Styles')
	plain = GenerationSettings(
		prompt=prompt,
		negative_prompt=negative_prompt,
		model=params.get('Model') or None,
		sampler=sampler,
		schedule=schedule,
		steps=_int(params, 'Steps', 1, 150, notes),
		cfg_scale=cfg,
		width=width,
		height=height,
		seed=_int(params, 'Seed', 0, MAX_SEED, notes),
		# No Styles entry means the image had none: an empty tuple clears styles picked earlier in Generate.
		styles=tuple(style.strip() for style in styles.split(',') if style.strip()) if styles else (),
		clip_skip=_int(params, 'Clip skip', 1, 12, notes),
	)
	return with_passes(plain, params, notes)
