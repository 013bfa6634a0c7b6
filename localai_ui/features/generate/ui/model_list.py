"""Generate's model list: filled on every page load and when it opens, the default model preselected, a pick loads
the model ahead of the run. A renamed or deleted model never lingers in it."""

import gradio as gr

from localai_ui.features.generate.service import GenerateService
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.library.catalog import ModelCatalog

PRIVATE = 'private'


def no_model_text(catalog: ModelCatalog, names: list[str]) -> str:
	if names:
		return ''
	return (
		f'**No model yet.** Put a checkpoint (`.safetensors`) or a diffusers model folder in `{catalog.models_dir}`, '
		'or add one in the Models tab, then press Refresh next to the model list.'
	)


def model_choices(catalog: ModelCatalog, current: str | None) -> tuple[dict[str, object], str]:
	"""The loadable models; the current pick stays when it still exists, else the default model is chosen."""
	names = [model.name for model in catalog.list_models()]
	value = current if current in names else catalog.default_name()
	return gr.update(choices=names, value=value), no_model_text(catalog, names)


def wire_model_list(
	model: gr.Dropdown, refresh: gr.Button, notice: gr.Markdown, service: GenerateService, page: gr.Blocks
) -> None:
	"""Page load and Refresh rebuild the list; opening it refreshes its names; picking one preloads it."""
	catalog = service.catalog

	def on_load(current: str | None) -> tuple[dict[str, object], str]:
		return model_choices(catalog, current)

	def names_only(current: str | None) -> dict[str, object]:
		return model_choices(catalog, current)[0]

	def preload(name: str | None) -> None:
		with shown_as_message():
			service.preload(name)

	page.load(on_load, model, [model, notice], api_visibility=PRIVATE, queue=False)
	refresh.click(on_load, model, [model, notice], api_visibility=PRIVATE)
	model.focus(names_only, model, model, api_visibility=PRIVATE, queue=False)
	model.input(preload, model, None, api_visibility=PRIVATE, concurrency_limit=1, show_progress='hidden')
