"""Generate's model list: filled on every page load and when it opens, the default model preselected, a pick loads
the model ahead of the run. A renamed or deleted model never lingers in it."""

from collections.abc import Callable

import gradio as gr

from localai_ui.cores.memory import advice_lines, recommend_families
from localai_ui.cores.memory.mode_words import gigabytes
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.ui_common.endpoints import shown_as_message
from localai_ui.library.catalog import ModelCatalog
from localai_ui.schemas.errors import LocalAIError
from localai_ui.services.system_info.facts import TorchFacts

PRIVATE = 'private'


def no_model_text(catalog: ModelCatalog, names: list[str], facts: Callable[[], TorchFacts]) -> str:
	"""The first page's notice when there is no model: where models go, and which families suit this machine."""
	if names:
		return ''
	return (
		f'**No model yet.** Put a checkpoint (`.safetensors`) or a diffusers model folder in `{catalog.models_dir}`, '
		'or add one in the Models tab, then press Refresh next to the model list.' + _advice(facts)
	)


def _advice(facts: Callable[[], TorchFacts]) -> str:
	try:
		return machine_advice(facts())
	except LocalAIError:  # the engine could not start (the page says why): no GPU facts to advise on
		return ''


def machine_advice(torch_facts: TorchFacts) -> str:
	"""The model families that fit this machine's first GPU (or Apple MPS, or the CPU) and the memory mode each
	would run in."""
	gpu = torch_facts.gpus[0] if torch_facts.cuda_available and torch_facts.gpus else None
	mps = gpu is None and torch_facts.mps_available
	advice = recommend_families(None if gpu is None else gpu.total_bytes, mps=mps)
	where = f'{gpu.name}, {gigabytes(gpu.total_bytes)}' if gpu else 'Apple MPS' if mps else 'no CUDA GPU'
	lines = '\n'.join(f'- {line}' for line in advice_lines(advice))
	return f'\n\n**What suits this machine** ({where}):\n\n{lines}'


def model_choices(catalog: ModelCatalog, current: str | None) -> tuple[dict[str, object], list[str]]:
	"""The loadable models (and their names); the current pick stays when it still exists, else the default one."""
	names = [model.name for model in catalog.list_models()]
	value = current if current in names else catalog.default_name()
	return gr.update(choices=names, value=value), names


def wire_model_list(
	model: gr.Dropdown,
	refresh: gr.Button,
	notice: gr.Markdown,
	service: GenerateService,
	page: gr.Blocks,
	machine: Callable[[], TorchFacts],
) -> None:
	"""Page load and Refresh rebuild the list (and the notice, with `machine`'s facts: the engine's, so it waits for
	it when there is no model); opening it refreshes its names; picking one preloads it."""
	catalog = service.catalog

	def on_load(current: str | None) -> tuple[dict[str, object], str]:
		choices, names = model_choices(catalog, current)
		return choices, no_model_text(catalog, names, machine)

	def names_only(current: str | None) -> dict[str, object]:
		return model_choices(catalog, current)[0]

	def preload(name: str | None) -> None:
		with shown_as_message():
			service.preload(name)

	page.load(on_load, model, [model, notice], api_visibility=PRIVATE, queue=False)
	refresh.click(on_load, model, [model, notice], api_visibility=PRIVATE)
	model.focus(names_only, model, model, api_visibility=PRIVATE, queue=False)
	model.input(preload, model, None, api_visibility=PRIVATE, concurrency_limit=1, show_progress='hidden')
