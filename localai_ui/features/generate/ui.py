"""The Generate tab: components and their wiring. The work happens in the service and the presenter."""

from collections.abc import Iterator
from dataclasses import dataclass

import gradio as gr
from gradio.events import Dependency

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.presenter import GenerateView, stream_views
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.service import GenerateService, parse_request
from localai_ui.features.generate.ui_controls import GenerateControls, build_controls
from localai_ui.features.generate.ui_events import wire_local_events
from localai_ui.features.generate.ui_prompt_tools import wire_prompt_helpers
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE
from localai_ui.settings import Preferences

GenerateOutputs = tuple[object, object, object, object, object, object]


@dataclass(frozen=True)
class GenerateTab:
	"""What other tabs may wire to (History's "send to Generate", for one)."""

	controls: GenerateControls
	event: Dependency


def _outputs(view: GenerateView) -> GenerateOutputs:
	def keep(value: object) -> object:
		return gr.update() if value is None else value

	return (
		keep(view.gallery),
		keep(view.infotext),
		keep(view.seeds),
		keep(view.preview),
		view.progress,
		keep(view.infotexts),
	)


def build_generate_tab(
	service: GenerateService, runs: ActiveRuns, preferences: Preferences, tools: PromptTools
) -> GenerateTab:
	"""Lay out the tab and wire its events; `/generate` is the public API endpoint."""
	models = [model.name for model in service.list_models()]
	c = build_controls(models, tools.embedding_names(), service.models_dir, preferences)

	def generate(
		prompt: str | None = None,
		negative_prompt: str | None = None,
		model: str | None = None,
		sampler: str = DEFAULT_SAMPLER,
		schedule: str = DEFAULT_SCHEDULE,
		steps: int = 20,
		cfg_scale: float = 7.0,
		width: int = 512,
		height: int = 512,
		seed: int = -1,
		batch_count: int = 1,
		batch_size: int = 1,
		styles: list[str] | None = None,
		clip_skip: int = 1,
		request: gr.Request | None = None,
	) -> Iterator[GenerateOutputs]:
		"""Generate images from a text prompt; streams live previews, then returns the images.

		Args:
			prompt: what to draw.
			negative_prompt: what to keep out of the image.
			model: a model name from the Models folder; empty uses the default model.
			sampler: an A1111 sampler name such as "Euler a" or "DPM++ 2M" (old names like "DPM++ 2M Karras" work).
			schedule: Automatic, Karras, Exponential, Beta or SGM Uniform.
			steps: denoising steps (1-150).
			cfg_scale: how closely to follow the prompt (1-30).
			width: image width in pixels, a multiple of 8 (64-2048).
			height: image height in pixels, a multiple of 8 (64-2048).
			seed: -1 for a random seed; image i of the run gets seed + i.
			batch_count: how many batches to run one after the other.
			batch_size: how many images each batch makes at once.
			styles: style names from /list_styles, applied to the prompts in this order (A1111's rule).
			clip_skip: A1111's clip skip: 1 uses the text encoder's last layer, 2 the one before it.
		Returns:
			The images, the infotext of the first image, the seeds, the last preview, the status and every infotext.
		"""
		values: dict[str, object] = {
			'prompt': prompt or '',
			'negative_prompt': negative_prompt or '',
			'model': model,
			'sampler': sampler,
			'schedule': schedule,
			'steps': steps,
			'cfg_scale': cfg_scale,
			'width': width,
			'height': height,
			'seed': seed,
			'batch_count': batch_count,
			'batch_size': batch_size,
			'styles': tuple(styles or ()),
			'clip_skip': clip_skip,
		}
		owner = request.session_hash if request and request.session_hash else 'api'
		try:
			parsed: GenerationRequest = parse_request(values)
			with runs.track(owner) as cancel:
				for view in stream_views(service, parsed, cancel):
					yield _outputs(view)
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	def stop(request: gr.Request) -> None:
		runs.cancel(request.session_hash or 'api')

	event = c.generate.click(
		generate,
		inputs=c.inputs,
		outputs=c.outputs,
		api_name='generate',
		concurrency_id='gpu',
		concurrency_limit=1,
		show_progress='full',
		show_progress_on=[c.gallery],
	)
	c.stop.click(stop, api_visibility='private', queue=False, cancels=[event])
	wire_local_events(c, service, preferences)
	wire_prompt_helpers(c.helpers, tools, c.prompt, c.negative_prompt, c.model, c.refresh_models)
	c.model.input(service.preload, inputs=c.model, api_visibility='private', concurrency_id='gpu', concurrency_limit=1)
	return GenerateTab(c, event)
