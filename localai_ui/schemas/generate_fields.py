"""The public `/generate` fields, written once: the API handler's parameters (pinned by a test), the Generate tab's
inputs, and what Send to Generate restores all follow this list. Defaults come from GenerationRequest."""

from dataclasses import dataclass

from localai_ui.schemas.generation import GenerationRequest


@dataclass(frozen=True)
class PublicField:
	"""One parameter of `/generate`: its name (a GenerationRequest field) and the line the API docs show."""

	name: str
	description: str


GENERATE_FIELDS: tuple[PublicField, ...] = (
	PublicField('prompt', 'what to draw; <lora:name:weight> tags and (word:1.2) weights work as in A1111.'),
	PublicField('negative_prompt', 'what to keep out of the image.'),
	PublicField('model', 'a model name from /list_models; empty uses the default model.'),
	PublicField('sampler', 'an A1111 sampler name such as "Euler a" or "DPM++ 2M" (old "DPM++ 2M Karras" works).'),
	PublicField('schedule', 'the schedule type: Automatic, Karras, Exponential, Beta, SGM Uniform...'),
	PublicField('steps', 'denoising steps (1-150).'),
	PublicField('cfg_scale', 'how closely to follow the prompt (1-30).'),
	PublicField('width', 'image width in pixels, a multiple of 8 (64-2048).'),
	PublicField('height', 'image height in pixels, a multiple of 8 (64-2048).'),
	PublicField('seed', '-1 for a random seed; image i of the run gets seed + i.'),
	PublicField('batch_count', 'how many batches to run one after the other.'),
	PublicField('batch_size', 'how many images each batch makes at once.'),
	PublicField('styles', 'style names from /list_styles, applied to the prompts in this order (A1111 rule).'),
	PublicField('clip_skip', "A1111's clip skip: 1 uses the text encoder's last layer, 2 the one before it."),
)
HIRES_FIELDS: tuple[PublicField, ...] = (
	PublicField('enable_hires', 'run the hires fix: a second pass at a larger size over the first image.'),
	PublicField('hires_scale', 'the second pass is this many times the size (1-4), unless a target size is given.'),
	PublicField('hires_steps', 'steps of the second pass; 0 uses the same number of steps.'),
	PublicField('hires_denoising_strength', 'how much the second pass changes the upscaled image (0-1).'),
	PublicField('hires_upscaler', 'Latent (and its variants), Lanczos, Bicubic, Nearest or None.'),
	PublicField('hires_resize_width', 'target width of the second pass (0: use the scale).'),
	PublicField('hires_resize_height', 'target height of the second pass (0: use the scale).'),
	PublicField('hires_sampler', 'sampler of the second pass; empty uses the same sampler.'),
	PublicField('hires_prompt', 'prompt of the second pass; empty uses the same prompt.'),
	PublicField('hires_negative_prompt', 'negative prompt of the second pass; empty uses the same.'),
)
IMAGE_FIELDS: tuple[PublicField, ...] = (
	PublicField(
		'denoising_strength', "how much of the image is redrawn (0-1): steps x strength steps run, A1111's meaning."
	),
	PublicField('resize_mode', 'Just resize, Crop and resize, Resize and fill (fills with the edge colours) ...'),
	PublicField('mask_blur', 'softens the mask edge by this many pixels (0-64).'),
	PublicField('masked_content', 'what the masked area starts from: original, fill, latent noise or latent nothing.'),
	PublicField(
		'inpaint_area', '"Whole picture", or "Only masked": the masked region is cropped, redrawn at full size.'
	),
	PublicField('inpaint_padding', 'pixels around the mask kept in the crop of "Only masked" (0-256).'),
	PublicField('invert_mask', 'redraw what is NOT masked ("Inpaint not masked").'),
)
GENERATE_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in (*GENERATE_FIELDS, *HIRES_FIELDS))
IMAGE_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in IMAGE_FIELDS)
HIRES_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in HIRES_FIELDS)
IMG2IMG_FILES: tuple[PublicField, ...] = (
	PublicField('image', 'the init image (PNG, JPEG or WEBP).'),
	PublicField('mask', 'optional: inpaint where this image is white (or opaque); the same size as the image.'),
)
IMG2IMG_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in (*IMG2IMG_FILES, *IMAGE_FIELDS, *GENERATE_FIELDS))


def field_default(name: str) -> object:
	"""The default of a public field, as the request model declares it."""
	return GenerationRequest.model_fields[name].default


def api_docstring(summary: str, returns: str, fields: tuple[PublicField, ...]) -> str:
	"""The handler's docstring in the Google style Gradio reads for its API page, built from the fields."""
	args = '\n'.join(f'\t{field.name}: {field.description}' for field in fields)
	return f'{summary}\n\nArgs:\n{args}\nReturns:\n\t{returns}\n'
