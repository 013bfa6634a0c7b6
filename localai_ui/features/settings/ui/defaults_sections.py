"""The Generation defaults and Live preview sections: what the Generate tab starts with, and how runs preview."""

import gradio as gr
from gradio.components import Component

from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.ui.section_form import PRIVATE, wire_section
from localai_ui.schemas.generation import MAX_SIDE, MIN_SIDE
from localai_ui.schemas.samplers import SAMPLER_NAMES, schedules_for

PREVIEW_MODES = ['off', 'cheap', 'full']


def build_generation_section(page: gr.Blocks, store: SettingsStore) -> None:
	"""Sampler, schedule, steps, CFG, size, clip skip and the default negative prompt."""
	stored = store.stored().generation
	with gr.Accordion('Generation defaults', open=True, elem_id='settings-generation'):
		with gr.Row():
			sampler = gr.Dropdown(
				list(SAMPLER_NAMES), value=stored.sampler, label='Sampler', elem_id='settings-sampler'
			)
			schedule = gr.Dropdown(
				list(schedules_for(stored.sampler)),
				value=stored.schedule,
				label='Schedule type',
				elem_id='settings-schedule',
				allow_custom_value=True,
			)
		with gr.Row():
			steps = gr.Slider(1, 150, value=stored.steps, step=1, label='Steps', elem_id='settings-steps')
			cfg_scale = gr.Slider(1, 30, value=stored.cfg_scale, step=0.5, label='CFG scale', elem_id='settings-cfg')
		with gr.Row():
			width = gr.Slider(MIN_SIDE, MAX_SIDE, value=stored.width, step=8, label='Width', elem_id='settings-width')
			height = gr.Slider(
				MIN_SIDE, MAX_SIDE, value=stored.height, step=8, label='Height', elem_id='settings-height'
			)
			clip_skip = gr.Slider(
				1, 12, value=stored.clip_skip, step=1, label='Clip skip', elem_id='settings-clip-skip'
			)
		negative_prompt = gr.Textbox(
			value=stored.negative_prompt,
			label='Default negative prompt (empty unless you set one)',
			lines=2,
			elem_id='settings-negative-prompt',
		)
		controls: dict[str, Component] = {
			'sampler': sampler,
			'schedule': schedule,
			'steps': steps,
			'cfg_scale': cfg_scale,
			'width': width,
			'height': height,
			'clip_skip': clip_skip,
			'negative_prompt': negative_prompt,
		}
		wire_section(page, store, 'generation', controls)

	def offer_schedules(chosen: str | None, current: str | None) -> dict[str, object]:
		if chosen not in SAMPLER_NAMES:
			return gr.update()
		offered = list(schedules_for(chosen))
		return gr.update(choices=offered, value=current if current in offered else offered[0])

	sampler.input(offer_schedules, [sampler, schedule], schedule, api_visibility=PRIVATE, queue=False)


def build_preview_section(page: gr.Blocks, store: SettingsStore) -> None:
	"""Live preview mode and rate (the Generate tab's own preview controls change the same setting)."""
	stored = store.stored().preview
	with gr.Accordion('Live preview', open=True, elem_id='settings-preview'):
		with gr.Row():
			mode = gr.Radio(PREVIEW_MODES, value=stored.preview_mode, label='Preview', elem_id='settings-preview-mode')
			every = gr.Slider(
				1, 100, value=stored.preview_every, step=1, label='Every N steps', elem_id='settings-preview-every'
			)
		gr.Markdown(
			'Cheap is a fast approximation from the latents; full decodes with the VAE at every preview (slower).'
		)
		wire_section(page, store, 'preview', {'preview_mode': mode, 'preview_every': every})
