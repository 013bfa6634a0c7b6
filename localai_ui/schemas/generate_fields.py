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
GENERATE_FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in GENERATE_FIELDS)


def field_default(name: str) -> object:
	"""The default of a public field, as the request model declares it."""
	return GenerationRequest.model_fields[name].default


def api_docstring(summary: str, returns: str) -> str:
	"""The handler's docstring in the Google style Gradio reads for its API page, built from the fields."""
	args = '\n'.join(f'\t{field.name}: {field.description}' for field in GENERATE_FIELDS)
	return f'{summary}\n\nArgs:\n{args}\nReturns:\n\t{returns}\n'
