"""The parameters section: model, sampler and schedule, steps, CFG, clip skip, size, seed, batches, live preview."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.features.generate.preferences import Preferences
from localai_ui.schemas.generation import MAX_SIDE, MIN_SIDE
from localai_ui.schemas.progress import PreviewMode
from localai_ui.schemas.samplers import SAMPLER_NAMES, schedules_for

PRIVATE = 'private'
PREVIEW_MODES: tuple[PreviewMode, ...] = ('off', 'cheap', 'full')
SIDE_STEP = 8


@dataclass(frozen=True)
class ParametersSection:
	"""Each public field's component by name, and the controls other sections wire to."""

	fields: dict[str, Component]
	model: gr.Dropdown
	refresh_models: gr.Button
	seed: gr.Number
	random_seed: gr.Button
	reuse_seed: gr.Button


def snap_side(value: float | None) -> dict[str, object]:
	"""A typed width or height rounded to the nearest multiple of 8 once it is a size (not while it is typed)."""
	if value is None or not MIN_SIDE <= value <= MAX_SIDE or value % SIDE_STEP == 0:
		return gr.update()
	return gr.update(value=int(round(value / SIDE_STEP) * SIDE_STEP))


def build_parameters(preferences: Preferences) -> ParametersSection:
	"""Create the controls in the current Blocks; the model list is filled when the page loads."""
	with gr.Row(equal_height=False, elem_classes=['lai-inline-row']):
		model = gr.Dropdown([], value=None, label='Model', scale=5, elem_id='model', allow_custom_value=True)
		refresh = gr.Button('Refresh', size='sm', scale=0, min_width=80, elem_id='refresh-models')
	start = preferences.defaults()  # the stored defaults at start: the API's defaults; each page load rereads them
	with gr.Row():
		sampler = gr.Dropdown(
			list(SAMPLER_NAMES), value=start.sampler, label='Sampler', elem_id='sampler', allow_custom_value=True
		)
		schedule = gr.Dropdown(
			list(schedules_for(start.sampler)),
			value=start.schedule,
			label='Schedule type',
			elem_id='schedule',
			allow_custom_value=True,
		)
	with gr.Row():
		steps = gr.Slider(1, 150, value=start.steps, step=1, label='Steps', elem_id='steps')
		cfg_scale = gr.Slider(1, 30, value=start.cfg_scale, step=0.5, label='CFG scale', elem_id='cfg-scale')
	with gr.Row():
		width = gr.Slider(MIN_SIDE, MAX_SIDE, value=start.width, step=SIDE_STEP, label='Width', elem_id='width')
		height = gr.Slider(MIN_SIDE, MAX_SIDE, value=start.height, step=SIDE_STEP, label='Height', elem_id='height')
	with gr.Row(equal_height=False, elem_classes=['lai-inline-row']):
		seed = gr.Number(-1, label='Seed (-1 = random)', precision=0, scale=4, elem_id='seed')
		random_seed = gr.Button('Random', size='sm', scale=0, min_width=80, elem_id='random-seed')
		reuse_seed = gr.Button('Reuse last', size='sm', scale=0, min_width=100, elem_id='reuse-seed')
	with gr.Row():
		batch_count = gr.Slider(1, 100, value=1, step=1, label='Batch count', elem_id='batch-count')
		batch_size = gr.Slider(1, 8, value=1, step=1, label='Batch size', elem_id='batch-size')
		clip_skip = gr.Slider(1, 12, value=start.clip_skip, step=1, label='Clip skip', elem_id='clip-skip')
	with gr.Accordion('Live preview', open=False):
		current = preferences.current_preview()
		preview_mode = gr.Radio(list(PREVIEW_MODES), value=current.mode, label='Preview')
		preview_every = gr.Slider(1, 20, value=current.every_n_steps, step=1, label='Every N steps')

	def offer_schedules(chosen: str | None, current_schedule: str | None) -> dict[str, object]:
		if chosen not in SAMPLER_NAMES:
			return gr.update()  # a typed name is checked when the run starts, with the accepted names in the message
		offered = list(schedules_for(chosen))
		return gr.update(choices=offered, value=current_schedule if current_schedule in offered else offered[0])

	def set_preview(mode: str, every: float) -> None:
		for option in PREVIEW_MODES:
			if option == mode:
				preferences.set_preview(option, int(every))

	sampler.change(offer_schedules, [sampler, schedule], schedule, api_visibility=PRIVATE, queue=False)
	for side in (width, height):
		side.change(snap_side, side, side, api_visibility=PRIVATE, queue=False, show_progress='hidden')
	for control in (preview_mode, preview_every):
		control.change(set_preview, [preview_mode, preview_every], api_visibility=PRIVATE, queue=False)
	fields: dict[str, Component] = {
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
		'clip_skip': clip_skip,
	}
	return ParametersSection(fields, model, refresh, seed, random_seed, reuse_seed)
