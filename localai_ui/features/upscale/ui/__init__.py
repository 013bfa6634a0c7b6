"""The Upscale tab (A1111's Extras): the picture and the upscaler on the left, the result on the right."""

import gradio as gr

from localai_ui.features.ui_common.handles import UPSCALE_TAB_ID, UpscaleHandle
from localai_ui.features.upscale.request import BUILT_IN, MAX_SCALE, MIN_SCALE
from localai_ui.features.upscale.service import UpscaleService
from localai_ui.features.upscale.ui.run import upscale_handler
from localai_ui.features.upscale.ui.source import build_source
from localai_ui.schemas.upscalers import Resampler

PRIVATE = 'private'
UPSCALES_AT_ONCE = 16  # they wait in the pipeline manager's own device line, behind any generation


def preferred(names: list[str], current: str | None) -> str:
	"""The current pick while it exists, else the first model upscaler (A1111 users come for those), else Lanczos."""
	models = names[len(BUILT_IN) :]
	return current if current in names else (models[0] if models else Resampler.LANCZOS.value)


def upscaler_choices(service: UpscaleService, current: str | None, rescan: bool) -> dict[str, object]:
	"""The upscaler list as the folder is now (scanned again on Refresh)."""
	names = service.refresh() if rescan else service.names()
	return gr.update(choices=names, value=preferred(names, current))


def build_upscale_tab(page: gr.Blocks, service: UpscaleService) -> UpscaleHandle:
	"""Lay out the tab (call inside its gr.Tab, id UPSCALE_TAB_ID) and wire it; `/upscale` is its endpoint."""
	with gr.Row(equal_height=False, elem_id='upscale-layout'):
		with gr.Column(min_width=0, elem_id='upscale-inputs'):
			source = build_source()
			with gr.Row(elem_classes='lai-inline-row'):
				names = service.names()
				upscaler = gr.Dropdown(
					names,
					value=preferred(names, None),
					label='Upscaler',
					scale=4,
					min_width=160,
					elem_id='upscaler',
					allow_custom_value=True,  # the API may name any model upscaler; the run refuses unknown ones
				)
				refresh = gr.Button('Refresh', size='sm', scale=1, min_width=80, elem_id='upscalers-refresh')
			scale = gr.Slider(MIN_SCALE, MAX_SCALE, value=2, step=0.05, label='Scale by', elem_id='upscale-scale')
			with gr.Row():
				width = gr.Number(0, label='Resize width to (0: scale)', precision=0, minimum=0, min_width=120)
				height = gr.Number(0, label='Resize height to (0: scale)', precision=0, minimum=0, min_width=120)
			run = gr.Button('Upscale', variant='primary', size='lg', elem_id='upscale-run')
		with gr.Column(min_width=0, elem_id='upscale-result-pane'):
			result = gr.Image(
				label='Result',
				type='filepath',
				interactive=False,
				format='png',
				height=420,
				elem_id='upscale-result',
				buttons=['download', 'fullscreen'],
			)
			infotext = gr.Textbox(label='Parameters', lines=2, interactive=False, elem_id='upscale-infotext')

	def on_load(current: str | None) -> dict[str, object]:
		return upscaler_choices(service, current, rescan=False)

	def on_refresh(current: str | None) -> dict[str, object]:
		return upscaler_choices(service, current, rescan=True)

	page.load(on_load, upscaler, upscaler, api_visibility=PRIVATE, queue=False)
	refresh.click(on_refresh, upscaler, upscaler, api_visibility=PRIVATE)
	run.click(
		upscale_handler(service),
		inputs=[source, upscaler, scale, width, height],
		outputs=[result, infotext],
		api_name='upscale',
		concurrency_limit=UPSCALES_AT_ONCE,
		concurrency_id='upscale',
	)
	return UpscaleHandle(source, UPSCALE_TAB_ID)
