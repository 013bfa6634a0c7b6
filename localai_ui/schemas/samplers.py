"""Sampler and schedule names as A1111 users know them."""

SAMPLER_NAMES: tuple[str, ...] = (
	'Euler',
	'Euler a',
	'Heun',
	'LMS',
	'DPM2',
	'DPM2 a',
	'DPM++ 2M',
	'DPM++ 2M SDE',
	'DPM++ SDE',
	'DPM++ 2S a',
	'DDIM',
	'PLMS',
	'UniPC',
	'LCM',
)

SCHEDULE_NAMES: tuple[str, ...] = ('Automatic', 'Karras', 'Exponential', 'Beta', 'SGM Uniform')

DEFAULT_SAMPLER = 'DPM++ 2M'
DEFAULT_SCHEDULE = 'Automatic'


def split_sampler_name(name: str) -> tuple[str, str | None]:
	"""Split an old combined name ("DPM++ 2M Karras") into sampler and schedule; plain names pass through."""
	cleaned = ' '.join(name.split())
	if cleaned in SAMPLER_NAMES:
		return cleaned, None
	for schedule in SCHEDULE_NAMES[1:]:
		suffix = f' {schedule}'
		if cleaned.endswith(suffix) and cleaned[: -len(suffix)] in SAMPLER_NAMES:
			return cleaned[: -len(suffix)], schedule
	raise ValueError(f'unknown sampler {name!r}; choose one of: {", ".join(SAMPLER_NAMES)}')
