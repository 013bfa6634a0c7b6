"""The public `/list_samplers` endpoint: the sampler list the Generate tab, the infotext and History use."""

from localai_ui.features.ui_common.endpoints import add_endpoint
from localai_ui.schemas.samplers import SAMPLER_INFOS, SamplerInfo

SamplerJson = dict[str, str | list[str]]


def sampler_json(info: SamplerInfo) -> SamplerJson:
	return {
		'name': info.name,
		'schedules': list(info.schedules),
		'description': info.description,
		'automatic': info.automatic,
	}


def list_samplers() -> list[SamplerJson]:
	"""Every sampler by its A1111 name, with the schedule types it accepts (pass both to /generate).

	Returns:
		A list of {name, schedules, description, automatic}: `schedules` starts with "Automatic", and `automatic`
		names the schedule type "Automatic" runs for that sampler.
	"""
	return [sampler_json(info) for info in SAMPLER_INFOS]


def register_sampler_api() -> None:
	"""Add `/list_samplers` to the current Blocks."""
	add_endpoint(list_samplers, api_name='list_samplers')
