"""Generate and Stop, and the public `/generate` endpoint: the handler's parameters are the public fields
(GENERATE_FIELDS, pinned by a test); its docstring is built from them, so the API page and the UI never drift."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import gradio as gr
from gradio.components import Component
from gradio.events import Dependency

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.presenter import GenerateView, stream_views
from localai_ui.features.generate.resolve import parse_request
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.generate.ui.output import OutputSection
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES, api_docstring
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE

PRIVATE = 'private'
RUNS_AT_ONCE = 64  # runs wait in the app's own device queue, each saying its place in line
GenerateOutputs = tuple[object, ...]


@dataclass(frozen=True)
class RunButtons:
	generate: gr.Button
	stop: gr.Button


def build_run_buttons() -> RunButtons:
	with gr.Row(elem_id='run-buttons'):
		generate = gr.Button('Generate', variant='primary', size='lg', scale=3, elem_id='generate')
		stop = gr.Button('Stop', variant='secondary', size='lg', scale=1, elem_id='stop')
	return RunButtons(generate, stop)


def _outputs(view: GenerateView) -> GenerateOutputs:
	def keep(value: object) -> object:
		return gr.update() if value is None else value

	return (
		keep(view.gallery),
		keep(view.infotext),
		keep(view.seeds),
		keep(view.result),
		view.progress,
		keep(view.infotexts),
		keep(view.images),
	)


def wire_run(
	buttons: RunButtons,
	fields: Mapping[str, Component],
	output: OutputSection,
	service: GenerateService,
	runs: ActiveRuns,
) -> Dependency:
	"""Register `/generate` and the Stop button; Stop ends the caller's own run, waiting or running, cleanly."""

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
		values = {name: value for name, value in locals().items() if name in GENERATE_FIELD_NAMES}
		values.update(prompt=prompt or '', negative_prompt=negative_prompt or '', styles=tuple(styles or ()))
		owner = request.session_hash if request and request.session_hash else 'api'
		try:
			parsed = parse_request(values)
			with runs.track(owner) as cancel:
				for view in stream_views(service, parsed, cancel):
					yield _outputs(view)
		except LocalAIError as error:
			raise gr.Error(str(error), print_exception=False) from error

	generate.__doc__ = api_docstring(
		'Generate images from a text prompt; streams live previews, then returns the images.',
		'The images, the infotext of the first image, the seeds, the result image and the status line.',
	)

	def stop(request: gr.Request) -> None:
		runs.cancel(request.session_hash or 'api')

	def running() -> dict[str, object]:
		return gr.update(variant='stop')

	def idle() -> dict[str, object]:
		return gr.update(variant='secondary')

	buttons.generate.click(running, None, buttons.stop, api_visibility=PRIVATE, queue=False)
	event = buttons.generate.click(
		generate,
		inputs=[fields[name] for name in GENERATE_FIELD_NAMES],
		outputs=output.outputs,
		api_name='generate',
		concurrency_limit=RUNS_AT_ONCE,
		show_progress='hidden',
	)
	event.then(idle, None, buttons.stop, api_visibility=PRIVATE, queue=False)
	buttons.stop.click(stop, api_visibility=PRIVATE, queue=False)
	return event
