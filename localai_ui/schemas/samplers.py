"""Sampler and schedule names as A1111 users know them, and which combinations run (no diffusers here)."""

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.sampler_catalog import (
	A1111_ALIASES,
	SAMPLER_INFOS,
	SCHEDULE_NAMES,
	UNAVAILABLE_SAMPLERS,
	SamplerInfo,
)

__all__ = [
	'A1111_ALIASES',
	'DEFAULT_SAMPLER',
	'DEFAULT_SCHEDULE',
	'SAMPLER_INFOS',
	'SAMPLER_NAMES',
	'SCHEDULE_NAMES',
	'UNAVAILABLE_SAMPLERS',
	'SamplerInfo',
	'ScheduleNotAcceptedError',
	'UnknownSamplerError',
	'automatic_schedule',
	'resolve_schedule',
	'runnable_schedule',
	'sampler_info',
	'schedules_for',
	'split_sampler_name',
]

SAMPLER_NAMES: tuple[str, ...] = tuple(info.name for info in SAMPLER_INFOS)
DEFAULT_SAMPLER = 'DPM++ 2M'
DEFAULT_SCHEDULE = 'Automatic'

_INFOS = {info.name: info for info in SAMPLER_INFOS}


class UnknownSamplerError(InvalidRequestError, ValueError):
	"""A sampler or schedule type name this app does not know, or an A1111 sampler that cannot run here."""


class ScheduleNotAcceptedError(InvalidRequestError, ValueError):
	"""A known sampler with a schedule type it cannot run; the message lists the ones it accepts."""


def sampler_info(sampler: str) -> SamplerInfo:
	"""The record of `sampler`; UnknownSamplerError says why an A1111 sampler is missing."""
	info = _INFOS.get(sampler)
	if info is None:
		raise _unknown(sampler)
	return info


def schedules_for(sampler: str) -> tuple[str, ...]:
	"""The schedule types the UI offers for `sampler` ("Automatic" first)."""
	return sampler_info(sampler).schedules


def automatic_schedule(sampler: str) -> str:
	"""What "Automatic" runs for `sampler`, as A1111 picks it ("Automatic" when the sampler keeps its own steps)."""
	return sampler_info(sampler).automatic


def resolve_schedule(sampler: str, schedule: str) -> str:
	"""The schedule type that really runs; a combination that cannot run raises ScheduleNotAcceptedError."""
	info = sampler_info(sampler)
	if schedule not in SCHEDULE_NAMES:
		raise UnknownSamplerError(f'unknown schedule type {schedule!r}; choose one of: {", ".join(SCHEDULE_NAMES)}')
	if schedule not in info.schedules:
		raise ScheduleNotAcceptedError(
			f'sampler {sampler!r} cannot run schedule type {schedule!r}; it accepts: {", ".join(info.schedules)}'
		)
	return info.automatic if schedule == DEFAULT_SCHEDULE else schedule


def runnable_schedule(sampler: str, schedule: str | None) -> str:
	"""For A1111 infotexts: the schedule that runs, "Automatic" where A1111 would have ignored the schedule type."""
	info = sampler_info(sampler)
	if schedule in info.schedules:
		return resolve_schedule(sampler, schedule)
	return info.automatic


def split_sampler_name(name: str) -> tuple[str, str | None]:
	"""Split an old combined name ("DPM++ 2M Karras") into sampler and schedule; plain names pass through."""
	cleaned = ' '.join(name.split())
	if cleaned in _INFOS:
		return cleaned, None
	aliased = _ALIASES.get(cleaned.casefold())
	if aliased is not None:
		return aliased
	for schedule in SCHEDULE_NAMES[1:]:
		suffix = f' {schedule}'
		if cleaned.endswith(suffix) and cleaned[: -len(suffix)] in _INFOS:
			return cleaned[: -len(suffix)], schedule
	raise _unknown(_UNAVAILABLE_ALIASES.get(cleaned.casefold(), cleaned))


def _alias_table() -> dict[str, tuple[str, str | None]]:
	table: dict[str, tuple[str, str | None]] = {}
	for sampler, aliases in A1111_ALIASES.items():
		for alias in aliases:
			table[alias] = (sampler, None)
			if alias.startswith('k_') and 'Karras' in _INFOS[sampler].schedules:
				table[f'{alias}_ka'] = (sampler, 'Karras')
				table[f'{alias}_exp'] = (sampler, 'Exponential')
	return table


_ALIASES = _alias_table()
_UNAVAILABLE_ALIASES = {'k_dpm_fast': 'DPM fast', 'k_dpm_ad': 'DPM adaptive', 'restart': 'Restart'}


def _unknown(sampler: str) -> UnknownSamplerError:
	names = ', '.join(SAMPLER_NAMES)
	reason = UNAVAILABLE_SAMPLERS.get(sampler)
	if reason is not None:
		return UnknownSamplerError(f'sampler {sampler!r} cannot run here: {reason}; choose one of: {names}')
	return UnknownSamplerError(f'unknown sampler {sampler!r}; choose one of: {names}')
