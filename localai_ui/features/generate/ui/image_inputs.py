"""Image to image and inpainting on the Generate tab: the picture to start from (uploaded, pasted or sent here),
an optional uploaded mask, a mask painted in the browser, and A1111's image settings shared by both."""

from dataclasses import dataclass

import gradio as gr
import numpy as np
from gradio.components import Component
from gradio.data_classes import ImageData
from PIL import Image

from localai_ui.schemas.image_to_image import INPAINT_AREAS, MASKED_CONTENTS, RESIZE_MODES


def readable_only(component: gr.Image) -> gr.Image:
	"""An unreadable upload answers with a message naming the file, not a trace of internals and temp paths.

	Wrapped on the instance: a subclass of a Gradio component makes Gradio write a .pyi file beside our source."""
	original = component.preprocess

	def preprocess(payload: ImageData | None) -> np.ndarray | Image.Image | str | None:
		try:
			return original(payload)
		except (OSError, ValueError, Image.DecompressionBombError) as error:
			name = (payload.orig_name if payload else None) or 'the upload'
			raise gr.Error(
				f'{name}: {component.label or "the image"} is not a picture this app can read (PNG, JPEG or WEBP)',
				print_exception=False,
			) from error

	component.preprocess = preprocess
	return component


def build_image_to_image() -> tuple[gr.Image, gr.Image]:
	"""Inside the 'Image to image' tab: the init image and an optional uploaded mask (A1111's inpaint upload)."""
	with gr.Row():
		init_image = gr.Image(
			label='Image to start from',
			type='filepath',
			sources=['upload', 'clipboard'],
			height=300,
			elem_id='init-image',
		)
		mask_upload = gr.Image(
			label='Mask (optional: white is redrawn)',
			type='filepath',
			sources=['upload'],
			height=300,
			elem_id='mask-upload',
		)
	return readable_only(init_image), readable_only(mask_upload)


def build_inpaint_editor() -> gr.ImageEditor:
	"""Inside the 'Inpaint' tab: paint over the area to redraw (brush, eraser, size)."""
	return gr.ImageEditor(
		label='Paint over the area to redraw',
		type='pil',
		sources=['upload', 'clipboard'],
		brush=gr.Brush(default_size=24, colors=['#ffffff'], color_mode='fixed'),
		eraser=gr.Eraser(default_size=24),
		layers=False,
		transforms=(),
		height=420,
		elem_id='inpaint-editor',
	)


@dataclass(frozen=True)
class ImageSettings:
	"""Shown for image to image and inpaint; the inpainting choices fold away until the Inpaint tab opens them."""

	group: gr.Group
	inpainting: gr.Accordion
	fields: dict[str, Component]


def build_image_settings() -> ImageSettings:
	"""Denoising strength and resize mode, then the inpainting choices (A1111's names and defaults)."""
	with gr.Group(visible=False, elem_id='image-settings') as group:
		with gr.Row():
			strength = gr.Slider(0, 1, value=0.75, step=0.01, label='Denoising strength', elem_id='denoising-strength')
			resize = gr.Radio(list(RESIZE_MODES), value=RESIZE_MODES[0], label='Resize mode', elem_id='resize-mode')
		with gr.Accordion('Inpainting (mask)', open=False, elem_id='inpaint-settings') as inpainting:
			with gr.Row():
				blur = gr.Slider(0, 64, value=4, step=1, label='Mask blur', elem_id='mask-blur')
				content = gr.Radio(
					list(MASKED_CONTENTS), value='original', label='Masked content', elem_id='masked-content'
				)
			with gr.Row():
				area = gr.Radio(
					list(INPAINT_AREAS), value=INPAINT_AREAS[0], label='Inpaint area', elem_id='inpaint-area'
				)
				padding = gr.Slider(
					0, 256, value=32, step=4, label='Only masked padding, px', elem_id='inpaint-padding'
				)
				invert = gr.Checkbox(False, label='Inpaint not masked', elem_id='invert-mask')
	fields: dict[str, Component] = {
		'denoising_strength': strength,
		'resize_mode': resize,
		'mask_blur': blur,
		'masked_content': content,
		'inpaint_area': area,
		'inpaint_padding': padding,
		'invert_mask': invert,
	}
	return ImageSettings(group, inpainting, fields)
