"""The run handlers: `/generate` (text to image, hires fix), `/img2img` (an image, an optional mask) and the Inpaint
tab's painted mask (private). Their parameters are the public fields, pinned by a test; one stream serves all three."""

from collections.abc import Callable, Iterator

import gradio as gr
from PIL.Image import Image

from localai_ui.features.generate.ui.run_stream import Outputs, RunStream, Values
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generate_fields import (
	GENERATE_FIELD_NAMES,
	GENERATE_FIELDS,
	HIRES_FIELDS,
	IMAGE_FIELD_NAMES,
	IMAGE_FIELDS,
	IMG2IMG_FILES,
	api_docstring,
)
from localai_ui.schemas.samplers import DEFAULT_SAMPLER, DEFAULT_SCHEDULE

Handler = Callable[..., Iterator[Outputs]]
RETURNS = 'The images, the infotext of the first image, the seeds, the result image and the status line.'
CORE_FIELD_NAMES = tuple(field.name for field in GENERATE_FIELDS)


def generate_handler(stream: RunStream) -> Handler:
	"""The `/generate` handler; its parameters are GENERATE_FIELD_NAMES."""

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
		enable_hires: bool = False,
		hires_scale: float = 2.0,
		hires_steps: int = 0,
		hires_denoising_strength: float = 0.7,
		hires_upscaler: str = 'Latent',
		hires_resize_width: int = 0,
		hires_resize_height: int = 0,
		hires_sampler: str = '',
		hires_prompt: str = '',
		hires_negative_prompt: str = '',
		request: gr.Request | None = None,
	) -> Iterator[Outputs]:
		values = {name: value for name, value in locals().items() if name in GENERATE_FIELD_NAMES}
		yield from stream(values, request)

	generate.__doc__ = api_docstring(
		'Generate images from a text prompt (with the hires fix when enabled); streams live previews.',
		RETURNS,
		(*GENERATE_FIELDS, *HIRES_FIELDS),
	)
	return generate


def img2img_handler(stream: RunStream) -> Handler:
	"""The `/img2img` handler; its parameters are IMG2IMG_FIELD_NAMES (a mask makes it inpainting)."""

	def img2img(
		image: str | None = None,
		mask: str | None = None,
		denoising_strength: float = 0.75,
		resize_mode: str = 'Just resize',
		mask_blur: int = 4,
		masked_content: str = 'original',
		inpaint_area: str = 'Whole picture',
		inpaint_padding: int = 32,
		invert_mask: bool = False,
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
	) -> Iterator[Outputs]:
		names = (*IMAGE_FIELD_NAMES, *CORE_FIELD_NAMES)
		values = {name: value for name, value in locals().items() if name in names}
		if not image:
			raise gr.Error('Image to image needs an image to start from: upload one first.', print_exception=False)
		values['init_image'] = stream.store(image, 'init image')
		values['mask_image'] = stream.store(mask, 'mask')
		yield from stream(values, request)

	img2img.__doc__ = api_docstring(
		'Redraw an image from a prompt; with a mask, redraw only where the mask is white (inpainting).',
		RETURNS,
		(*IMG2IMG_FILES, *IMAGE_FIELDS, *GENERATE_FIELDS),
	)
	return img2img


def inpaint_handler(stream: RunStream, editor_images: Callable[[object], tuple[Image, Image]]) -> Handler:
	"""The Inpaint tab's handler (private): the editor's picture and painted strokes become image and mask."""

	def inpaint(request: gr.Request, editor: object, *values: object) -> Iterator[Outputs]:
		try:
			image, mask = editor_images(editor)
		except InvalidRequestError as error:
			raise gr.Error(str(error), print_exception=False) from error
		named: Values = dict(zip((*IMAGE_FIELD_NAMES, *CORE_FIELD_NAMES), values, strict=True))
		named['init_image'] = stream.store(image, 'init image')
		named['mask_image'] = stream.store(mask, 'mask')
		yield from stream(named, request)

	return inpaint
