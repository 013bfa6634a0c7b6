"""The hires fix under Text to image: A1111's second pass at a larger size, off until it is ticked."""

import gradio as gr
from gradio.components import Component

from localai_ui.library.kinds.upscalers import usable_upscaler_names
from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.hires import LATENT_UPSCALERS, MAX_HIRES_SIDE, PIXEL_UPSCALERS
from localai_ui.schemas.samplers import SAMPLER_NAMES
from localai_ui.schemas.upscalers import UpscalerDetails

SAME = ''
PRIVATE = 'private'


def build_hires() -> dict[str, Component]:
	"""The hires controls, by their public field names."""
	with gr.Accordion('Hires fix', open=False, elem_id='hires'):
		enable = gr.Checkbox(False, label='Hires fix', elem_id='enable-hires')
		with gr.Row():
			upscaler = gr.Dropdown(
				[*LATENT_UPSCALERS, *PIXEL_UPSCALERS],
				value='Latent',
				label='Upscaler',
				elem_id='hires-upscaler',
				allow_custom_value=True,  # the API may name any model upscaler; the run refuses unknown ones by name
			)
			steps = gr.Slider(0, 150, value=0, step=1, label='Hires steps (0: same)', elem_id='hires-steps')
			strength = gr.Slider(
				0, 1, value=0.7, step=0.01, label='Denoising strength', elem_id='hires-denoising-strength'
			)
		with gr.Row():
			scale = gr.Slider(1, 4, value=2, step=0.05, label='Upscale by', elem_id='hires-scale')
			width = gr.Slider(
				0, MAX_HIRES_SIDE, value=0, step=8, label='Resize width to (0: scale)', elem_id='hires-resize-width'
			)
			height = gr.Slider(
				0, MAX_HIRES_SIDE, value=0, step=8, label='Resize height to (0: scale)', elem_id='hires-resize-height'
			)
		sampler = gr.Dropdown(
			[SAME, *SAMPLER_NAMES], value=SAME, label='Hires sampler (empty: same)', elem_id='hires-sampler'
		)
		with gr.Row():
			prompt = gr.Textbox('', label='Hires prompt (empty: same)', lines=2, elem_id='hires-prompt')
			negative = gr.Textbox(
				'', label='Hires negative prompt (empty: same)', lines=2, elem_id='hires-negative-prompt'
			)
	return {
		'enable_hires': enable,
		'hires_scale': scale,
		'hires_steps': steps,
		'hires_denoising_strength': strength,
		'hires_upscaler': upscaler,
		'hires_resize_width': width,
		'hires_resize_height': height,
		'hires_sampler': sampler,
		'hires_prompt': prompt,
		'hires_negative_prompt': negative,
	}


def hires_upscaler_choices(upscalers: AssetLibrary[UpscalerDetails], current: str | None) -> dict[str, object]:
	"""A1111's latent upscalers, the resamplers, then the usable model upscalers; a pick that went away becomes Latent."""
	names = [*LATENT_UPSCALERS, *PIXEL_UPSCALERS, *usable_upscaler_names(upscalers)]
	return gr.update(choices=names, value=current if current in names else LATENT_UPSCALERS[0])


def wire_hires_upscalers(page: gr.Blocks, dropdown: Component, upscalers: AssetLibrary[UpscalerDetails]) -> None:
	"""Every page load lists the upscalers folder's models as they are now (as the model list is refreshed)."""

	def on_load(current: str | None) -> dict[str, object]:
		return hires_upscaler_choices(upscalers, current)

	page.load(on_load, dropdown, dropdown, api_visibility=PRIVATE, queue=False)
