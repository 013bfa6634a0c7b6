"""The picture to upscale: uploaded or pasted; an unreadable file answers with a message that names it."""

import gradio as gr
import numpy as np
from gradio.data_classes import ImageData
from PIL import Image


def build_source() -> gr.Image:
	"""The picture as the user gave it (any size and mode; the use case checks the limits)."""
	picture = gr.Image(
		label='Image to upscale',
		type='filepath',
		image_mode=None,
		sources=['upload', 'clipboard'],
		height=360,
		elem_id='upscale-source',
	)
	checked = picture.preprocess

	def preprocess(payload: ImageData | None) -> np.ndarray | Image.Image | str | None:
		try:
			return checked(payload)
		except Image.DecompressionBombError as error:
			raise gr.Error(
				f'{_name(payload)}: the picture has too many pixels to upscale', print_exception=False
			) from error
		except (OSError, ValueError) as error:
			raise gr.Error(
				f'{_name(payload)}: not a picture this app can read (PNG, JPEG or WEBP)', print_exception=False
			) from error

	picture.preprocess = preprocess  # on the instance: a subclass would make Gradio write a .pyi beside our source
	return picture


def _name(payload: ImageData | None) -> str:
	return (payload.orig_name if payload else None) or 'the upload'
