"""GET/POST /sdapi/v1/options: A1111's settings mapped onto the app's own. The checkpoint is the default model (the
one Generate preselects and runs without a model named), CLIP_stop_at_last_layers the default clip skip,
samples_format the Saving format; sd_vae is the VAE of the current model. Unknown options are ignored, as in A1111."""

from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import JsonValue

from localai_ui.context import AppContext
from localai_ui.sdapi.errors import answered, field_error
from localai_ui.sdapi.names import AUTOMATIC_VAE, NO_VAE, find_asset, model_title

Options = dict[str, JsonValue]
FORMATS: Mapping[str, str] = {'png': 'PNG', 'jpg': 'JPEG', 'jpeg': 'JPEG', 'webp': 'WEBP'}


def current_options(context: AppContext) -> Options:
	settings = context.app_settings.store.current()
	library = context.libraries.checkpoints.library
	record = library.default()
	saving = settings.saving
	return {
		'sd_model_checkpoint': model_title(record) if record else None,
		'sd_checkpoint_hash': record.row.sha256 if record else None,
		'sd_vae': (record.row.vae if record else None) or AUTOMATIC_VAE,
		'CLIP_stop_at_last_layers': settings.generation.clip_skip,
		'samples_format': 'jpg' if saving.output_format == 'JPEG' else saving.output_format.lower(),
		'jpeg_quality': saving.quality,
		'samples_save': True,
		'live_previews_enable': settings.preview.preview_mode != 'off',
		'show_progress_every_n_steps': settings.preview.preview_every,
	}


def _text(options: Options, name: str) -> str:
	value = options[name]
	if not isinstance(value, str) or not value.strip():
		raise field_error(name, f'{name} takes a name (text)', value)
	return value


def option_setters(context: AppContext) -> dict[str, Callable[[Options], None]]:
	"""One setter per option this app maps; each checks its value and names the option when it refuses it."""
	store = context.app_settings.store
	checkpoints = context.libraries.checkpoints

	def checkpoint(options: Options) -> None:
		record = find_asset(checkpoints.library, _text(options, 'sd_model_checkpoint'), 'sd_model_checkpoint')
		with answered('sd_model_checkpoint'):
			checkpoints.edits.set_default(record.name)
			context.models.load(record.name)

	def vae(options: Options) -> None:
		chosen = _text(options, 'sd_vae')
		current = checkpoints.library.default()
		if current is None:
			raise field_error('sd_vae', 'there is no model to set a VAE for yet', chosen)
		name = (
			None
			if chosen in (AUTOMATIC_VAE, NO_VAE)
			else find_asset(context.libraries.vaes.library, chosen, 'sd_vae').name
		)
		with answered('sd_vae'):
			context.models.set_vae(current.name, name)

	def clip_skip(options: Options) -> None:
		with answered('CLIP_stop_at_last_layers'):
			store.save({'clip_skip': options['CLIP_stop_at_last_layers']})

	def samples_format(options: Options) -> None:
		value = options['samples_format']
		chosen = FORMATS.get(value.lower()) if isinstance(value, str) else None
		if chosen is None:
			raise field_error('samples_format', f'samples_format takes one of: {", ".join(FORMATS)}', value)
		store.save({'output_format': chosen})

	def quality(options: Options) -> None:
		with answered('jpeg_quality'):
			store.save({'quality': options['jpeg_quality']})

	return {
		'sd_model_checkpoint': checkpoint,
		'sd_vae': vae,
		'CLIP_stop_at_last_layers': clip_skip,
		'samples_format': samples_format,
		'jpeg_quality': quality,
	}


def add_options_routes(router: APIRouter, context: AppContext) -> None:
	setters = option_setters(context)

	def get_options() -> Options:
		return current_options(context)

	def set_options(options: Annotated[Options, Body()]) -> None:
		"""Sets the options it knows, the model first (sd_vae then applies to it); loading waits for a running job."""
		for name in sorted(options, key=lambda key: key != 'sd_model_checkpoint'):
			setter = setters.get(name)
			if setter is not None and options[name] != current_options(context).get(name):
				setter(options)

	router.add_api_route('/options', get_options, methods=['GET'], response_model=Options)
	router.add_api_route('/options', set_options, methods=['POST'])
