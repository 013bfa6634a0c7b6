"""The run buttons and Stop: one Generate button per mode wired to its endpoint (`/generate`, `/img2img`, the Inpaint
tab's private one), each fed one control per public field in the order the handler declares them."""

from collections.abc import Mapping
from dataclasses import dataclass

import gradio as gr
from gradio.components import Component
from gradio.events import Dependency

from localai_ui.features.generate.active_runs import ActiveRuns
from localai_ui.features.generate.ui.editor_mask import editor_images
from localai_ui.features.generate.ui.endpoints import (
	CORE_FIELD_NAMES,
	Handler,
	generate_handler,
	img2img_handler,
	inpaint_handler,
)
from localai_ui.features.generate.ui.modes import ModeSection
from localai_ui.features.generate.ui.output import OutputSection
from localai_ui.features.generate.ui.run_stream import RunStream
from localai_ui.schemas.generate_fields import GENERATE_FIELD_NAMES, IMAGE_FIELD_NAMES

PRIVATE = 'private'
RUNS_AT_ONCE = 64  # runs wait in the app's own device queue, each saying its place in line


@dataclass(frozen=True)
class RunButtons:
	generate: gr.Button
	img2img: gr.Button
	inpaint: gr.Button
	stop: gr.Button

	@property
	def runs(self) -> tuple[gr.Button, gr.Button, gr.Button]:
		return self.generate, self.img2img, self.inpaint


def build_run_buttons() -> RunButtons:
	with gr.Row(elem_id='run-buttons'):
		runs = [
			gr.Button('Generate', variant='primary', size='lg', scale=3, visible=mode == '', elem_id=f'generate{mode}')
			for mode in ('', '-img2img', '-inpaint')
		]
		stop = gr.Button('Stop', variant='secondary', size='lg', scale=1, elem_id='stop')
	return RunButtons(runs[0], runs[1], runs[2], stop)


def wire_run(
	buttons: RunButtons,
	fields: Mapping[str, Component],
	modes: ModeSection,
	output: OutputSection,
	runs: ActiveRuns,
	stream: RunStream,
) -> list[Dependency]:
	"""Register the run endpoints and Stop; Stop ends the caller's own run, waiting or running, cleanly. Returns the
	run events (what runs after each run hangs on them)."""
	image_fields = [fields[name] for name in (*IMAGE_FIELD_NAMES, *CORE_FIELD_NAMES)]
	endpoints: list[tuple[gr.Button, Handler, list[Component], str | None]] = [
		(buttons.generate, generate_handler(stream), [fields[name] for name in GENERATE_FIELD_NAMES], 'generate'),
		(buttons.img2img, img2img_handler(stream), [modes.init_image, modes.mask_upload, *image_fields], 'img2img'),
		(buttons.inpaint, inpaint_handler(stream, editor_images), [modes.editor, *image_fields], None),
	]

	def stop(request: gr.Request) -> None:
		runs.cancel(request.session_hash or 'api')

	def running() -> dict[str, object]:
		return gr.update(variant='stop')

	def idle() -> dict[str, object]:
		return gr.update(variant='secondary')

	events: list[Dependency] = []
	for button, handler, inputs, api_name in endpoints:
		button.click(running, None, buttons.stop, api_visibility=PRIVATE, queue=False)
		event = button.click(
			handler,
			inputs=inputs,
			outputs=output.outputs,
			api_name=api_name,
			api_visibility='public' if api_name else PRIVATE,
			concurrency_limit=RUNS_AT_ONCE,
			concurrency_id='runs',
			show_progress='hidden',
			# /generate takes plain values: the request's validation names each bad field and what it takes, where
			# Gradio's preprocess would refuse by component index; the image modes need it to check uploaded files.
			preprocess=api_name != 'generate',
		)
		# Gradio runs .then after a success or a Stop, .failure after an error: Stop turns grey again either way
		event.then(idle, None, buttons.stop, api_visibility=PRIVATE, queue=False)
		event.failure(idle, None, buttons.stop, api_visibility=PRIVATE, queue=False)
		events.append(event)
	buttons.stop.click(stop, api_visibility=PRIVATE, queue=False)
	return events
