"""A1111 bodies turned into the app's own GenerationRequest, so the API runs exactly what the UI runs: same fields,
same checks, same use case. What the app cannot do (face restoration, scripts) is refused by its A1111 name."""

from collections.abc import Callable

from pydantic import ValidationError

from localai_ui.library.library import AssetLibrary
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.image_to_image import INPAINT_AREAS, MASKED_CONTENTS, RESIZE_MODES
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.schemas.samplers import SCHEDULE_NAMES, resolve_schedule, split_sampler_name
from localai_ui.sdapi.errors import answered, field_error
from localai_ui.sdapi.images import decode_image
from localai_ui.sdapi.names import find_asset, schedule_label
from localai_ui.sdapi.request_errors import refused_request
from localai_ui.sdapi.request_models import Img2ImgRequest, ProcessingRequest, Txt2ImgRequest
from localai_ui.services.input_images import InputImages

Values = dict[str, object]
SAME = ('', 'Use same sampler', 'Use same checkpoint', 'Use same scheduler')
HIRES_DENOISING_DEFAULT = 0.7  # A1111's UI default for the second pass


class RequestTranslator:
	"""Maps A1111 fields onto a GenerationRequest; the model is named by any alias A1111 accepts."""

	def __init__(
		self, checkpoints: AssetLibrary[CheckpointDetails], clip_skip: Callable[[], int], inputs: InputImages
	) -> None:
		self._checkpoints = checkpoints
		self._clip_skip = clip_skip
		self._inputs = inputs

	def txt2img(self, body: Txt2ImgRequest) -> GenerationRequest:
		values = self._common(body)
		if body.enable_hr:
			if body.hr_checkpoint_name not in (None, *SAME):
				raise field_error('hr_checkpoint_name', 'the second pass runs on the same model here; leave it empty')
			strength = body.denoising_strength
			values |= {
				'enable_hires': True,
				'hires_scale': body.hr_scale,
				'hires_upscaler': body.hr_upscaler or 'Latent',
				'hires_steps': body.hr_second_pass_steps,
				'hires_denoising_strength': HIRES_DENOISING_DEFAULT if strength is None else strength,
				'hires_resize_width': body.hr_resize_x,
				'hires_resize_height': body.hr_resize_y,
				'hires_sampler': '' if body.hr_sampler_name in (None, *SAME) else body.hr_sampler_name,
				'hires_prompt': body.hr_prompt,
				'hires_negative_prompt': body.hr_negative_prompt,
			}
		return checked(values)

	def img2img(self, body: Img2ImgRequest) -> GenerationRequest:
		"""The init image (and mask) are stored as the UI stores uploads, then the request names them."""
		values = self._common(body)
		images = body.init_images or []
		if len(images) != 1:
			raise field_error('init_images', f'send exactly one init image (got {len(images)})')
		with answered('init_images'):
			values['init_image'] = self._inputs.store(decode_image(images[0], 'init_images'), 'init image')
		if body.mask:
			with answered('mask'):
				values['mask_image'] = self._inputs.store(decode_image(body.mask, 'mask'), 'mask')
		values |= {
			'denoising_strength': body.denoising_strength,
			'resize_mode': RESIZE_MODES[body.resize_mode],
			'mask_blur': 4 if body.mask_blur is None else body.mask_blur,
			'masked_content': MASKED_CONTENTS[body.inpainting_fill],
			'inpaint_area': INPAINT_AREAS[1] if body.inpaint_full_res else INPAINT_AREAS[0],
			'inpaint_padding': body.inpaint_full_res_padding,
			'invert_mask': bool(body.inpainting_mask_invert),
		}
		return checked(values)

	def model_name(self, text: str, field: str) -> str:
		"""This app's name of the checkpoint a client named `text`."""
		return find_asset(self._checkpoints, text, field).name

	def _common(self, body: ProcessingRequest) -> Values:
		refuse_unsupported(body)
		overrides = body.overrides
		model = overrides.get('sd_model_checkpoint')
		clip_skip = overrides.get('CLIP_stop_at_last_layers')
		sampler_field = 'sampler_name' if body.sampler_name else 'sampler_index'
		with answered(sampler_field):
			sampler, combined = split_sampler_name(body.sampler)
		schedule = schedule_label(body.scheduler, 'scheduler')
		with answered('scheduler'):
			resolve_schedule(sampler, combined if combined and schedule == SCHEDULE_NAMES[0] else schedule)
		if model is not None and not isinstance(model, str):
			raise field_error('override_settings.sd_model_checkpoint', 'a checkpoint title from /sd-models', model)
		return {
			'prompt': body.prompt,
			'negative_prompt': body.negative_prompt or '',
			'styles': tuple(body.styles or ()),
			'seed': body.seed,
			'sampler': body.sampler,
			'schedule': schedule,
			'steps': body.steps,
			'cfg_scale': body.cfg_scale,
			'width': body.width,
			'height': body.height,
			'batch_count': body.n_iter,
			'batch_size': body.batch_size,
			'clip_skip': self._clip_skip() if clip_skip is None else clip_skip,
			'model': self.model_name(model, 'override_settings.sd_model_checkpoint')
			if isinstance(model, str)
			else None,
		}


def refuse_unsupported(body: ProcessingRequest) -> None:
	"""Options A1111 would act on and this app cannot: a 422 naming them rather than a silently different result."""
	if body.restore_faces:
		raise field_error('restore_faces', 'face restoration is not part of this app; send false', True)
	if body.tiling:
		raise field_error('tiling', 'tiling (seamless images) is not part of this app; send false', True)
	if body.script_name:
		raise field_error('script_name', f'Script {body.script_name!r} not found: this app runs no scripts')
	for name in body.alwayson_scripts:
		raise field_error(f'alwayson_scripts.{name}', f'always on script {name} not found')


def checked(values: Values) -> GenerationRequest:
	"""The request as the app validates it; a refused value is a 422 in A1111's field names."""
	try:
		return GenerationRequest.model_validate(values)
	except ValidationError as error:
		raise refused_request(error) from error
