"""Kept for the pipeline's imports: the samplers live in `localai_ui.cores.samplers`."""

from localai_ui.cores.samplers import (
	SAMPLER_INFOS,
	SAMPLERS,
	SCHEDULES,
	BuiltScheduler,
	build_scheduler,
	resolve_schedule,
	schedules_for,
)

__all__ = [
	'SAMPLERS',
	'SAMPLER_INFOS',
	'SCHEDULES',
	'BuiltScheduler',
	'build_scheduler',
	'resolve_schedule',
	'schedules_for',
]
