"""The result pane: the live preview while a run goes on, the final image when it is done, the run's images and
the infotext of the one selected under it (A1111, Forge and Fooocus put it top right, beside the prompt)."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component

from localai_ui.features.generate.ui.memory_switch import MemorySwitch, build_memory_switch

PRIVATE = 'private'


@dataclass(frozen=True)
class OutputSection:
	result: gr.Image
	progress: gr.HTML
	gallery: gr.Gallery
	infotext: gr.Textbox
	seeds: gr.JSON
	infotexts: gr.State
	images: gr.State
	send_img2img: gr.Button
	send_upscale: gr.Button
	memory: MemorySwitch

	@property
	def outputs(self) -> list[Component]:
		"""What a run updates, in the order of GenerateView's fields (and of /generate's results: States are not)."""
		states = [self.infotexts, self.images, self.memory.suggested]
		return [self.gallery, self.infotext, self.seeds, self.result, self.progress, *states]


def build_output() -> OutputSection:
	progress = gr.HTML('', elem_id='progress', container=False)
	memory = build_memory_switch()  # under the status line that names the mode
	result = gr.Image(
		label='Result',
		type='pil',
		format='jpeg',
		interactive=False,
		height=512,
		elem_id='result',
		buttons=['download', 'fullscreen'],
	)
	gallery = gr.Gallery(
		label='Images of this run',
		columns=8,
		fit_columns=False,
		object_fit='cover',
		height='auto',
		allow_preview=False,
		interactive=False,
		format='png',
		elem_id='gallery',
	)
	with gr.Row(elem_classes=['lai-inline-row']):
		send_img2img = gr.Button('Send to image to image', size='sm', scale=0, min_width=180, elem_id='send-to-img2img')
		send_upscale = gr.Button('Send to Upscale', size='sm', scale=0, min_width=140, elem_id='send-to-upscale')
	infotext = gr.Textbox(label='Generation parameters', lines=3, interactive=False, elem_id='infotext')
	with gr.Accordion('Seeds', open=False):
		seeds = gr.JSON(label='Seeds', elem_id='seeds')
	section = OutputSection(
		result, progress, gallery, infotext, seeds, gr.State([]), gr.State([]), send_img2img, send_upscale, memory
	)

	def select(paths: list[str], infotexts: list[str], event: gr.SelectData) -> tuple[object, str]:
		index = event.index
		if not isinstance(index, int) or not 0 <= index < len(paths):
			return gr.update(), ''
		return paths[index], infotexts[index] if index < len(infotexts) else ''

	gallery.select(select, [section.images, section.infotexts], [result, infotext], api_visibility=PRIVATE, queue=False)
	return section
