"""The three ways to run, as tabs under the prompt: Text to image (with the hires fix), Image to image (an image and an
optional uploaded mask) and Inpaint (paint the mask in the browser). Choosing a tab shows its Generate button and,
for the image modes, the image settings."""

from dataclasses import dataclass

import gradio as gr
from gradio.components import Component
from PIL import Image

from localai_ui.features.generate.ui.hires import build_hires
from localai_ui.features.generate.ui.image_inputs import ImageSettings, build_image_to_image, build_inpaint_editor
from localai_ui.features.ui_common.handles import ModeSwitch

PRIVATE = 'private'
MODES = ('txt2img', 'img2img', 'inpaint')


@dataclass(frozen=True)
class ModeSection:
	container: gr.Tabs
	tabs: tuple[gr.Tab, gr.Tab, gr.Tab]
	hires: dict[str, Component]
	init_image: gr.Image
	mask_upload: gr.Image
	editor: gr.ImageEditor


def build_modes() -> ModeSection:
	with gr.Tabs(elem_id='generate-modes') as container:
		with gr.Tab('Text to image', id='txt2img', elem_id='mode-txt2img') as txt2img:
			hires = build_hires()
		with gr.Tab('Image to image', id='img2img', elem_id='mode-img2img') as img2img:
			init_image, mask_upload = build_image_to_image()
		with gr.Tab('Inpaint', id='inpaint', elem_id='mode-inpaint') as inpaint:
			editor = build_inpaint_editor()
	return ModeSection(container, (txt2img, img2img, inpaint), hires, init_image, mask_upload, editor)


def wire_modes(
	modes: ModeSection, run_buttons: tuple[gr.Button, gr.Button, gr.Button], settings: ImageSettings
) -> ModeSwitch:
	"""A chosen mode shows its own Generate button (Ctrl+Enter clicks the one shown) and the image settings; the
	Inpaint tab opens the inpainting choices. Other tabs switch modes through the returned ModeSwitch."""

	def view(mode: str, masked: bool = False) -> list[object]:
		chosen = mode if mode in MODES else MODES[0]
		buttons = [gr.update(visible=chosen == option) for option in MODES]
		inpainting = gr.update(open=True) if chosen == 'inpaint' or masked else gr.update()
		return [gr.Tabs(selected=chosen), *buttons, gr.update(visible=chosen != 'txt2img'), inpainting]

	switch = ModeSwitch([modes.container, *run_buttons, settings.group, settings.inpainting], view)
	for chosen, tab in zip(MODES, modes.tabs, strict=True):

		def show(mode: str = chosen) -> list[object]:
			return view(mode, False)

		tab.select(show, None, switch.outputs, api_visibility=PRIVATE, queue=False)
	return switch


def wire_send_to_img2img(button: gr.Button, result: gr.Image, modes: ModeSection, switch: ModeSwitch) -> None:
	"""The image in the result pane becomes the picture Image to image starts from."""

	def send(picture: Image.Image | None) -> list[object]:
		if picture is None:
			raise gr.Error('Nothing to send yet: generate an image first.', print_exception=False)
		return [picture, None, *switch.view('img2img', False)]

	button.click(send, result, [modes.init_image, modes.mask_upload, *switch.outputs], api_visibility=PRIVATE)
