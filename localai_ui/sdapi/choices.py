"""The fixed menus A1111 clients read: samplers, schedulers, upscalers (built-in and the upscalers folder), latent
upscale modes, and the scripts list (none: clients such as webuiapi ask for it to find extensions)."""

from fastapi import APIRouter

from localai_ui.context import AppContext
from localai_ui.schemas.hires import LATENT_UPSCALERS
from localai_ui.schemas.samplers import A1111_ALIASES, SAMPLER_INFOS, SCHEDULE_NAMES
from localai_ui.sdapi.names import scheduler_name
from localai_ui.sdapi.responses import NameItem, SamplerItem, SchedulerItem, ScriptsList, UpscalerItem


def add_choice_routes(router: APIRouter, context: AppContext) -> None:
	upscalers = context.libraries.upscalers.library

	def samplers() -> list[SamplerItem]:
		return [
			SamplerItem(name=info.name, aliases=list(A1111_ALIASES.get(info.name, ())), options={})
			for info in SAMPLER_INFOS
		]

	def schedulers() -> list[SchedulerItem]:
		return [SchedulerItem(name=scheduler_name(label), label=label) for label in SCHEDULE_NAMES]

	def upscaler_list() -> list[UpscalerItem]:
		"""None and the resamplers first (A1111's order), then each usable model upscaler with its native scale."""
		records = {record.name: record for record in upscalers.usable()}
		items: list[UpscalerItem] = []
		for name in context.upscale.names():
			record = records.get(name)
			if record is None or record.details is None:
				items.append(UpscalerItem(name=name))
				continue
			path = str(upscalers.path_of(record))
			details = record.details
			items.append(UpscalerItem(name=name, model_name=details.architecture, model_path=path, scale=details.scale))
		return items

	def latent_upscale_modes() -> list[NameItem]:
		return [NameItem(name=name) for name in LATENT_UPSCALERS]

	def scripts() -> ScriptsList:
		return ScriptsList()

	router.add_api_route('/samplers', samplers, methods=['GET'], response_model=list[SamplerItem])
	router.add_api_route('/schedulers', schedulers, methods=['GET'], response_model=list[SchedulerItem])
	router.add_api_route('/upscalers', upscaler_list, methods=['GET'], response_model=list[UpscalerItem])
	router.add_api_route('/latent-upscale-modes', latent_upscale_modes, methods=['GET'], response_model=list[NameItem])
	router.add_api_route('/scripts', scripts, methods=['GET'], response_model=ScriptsList)
