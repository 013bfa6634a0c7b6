"""History records as the plain dicts the API returns and the export writes, and the settings Send restores."""

import re
from dataclasses import replace

from pydantic import ValidationError

from localai_ui.schemas.generate_fields import HIRES_FIELD_NAMES, IMAGE_FIELD_NAMES
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryDetails, HistoryItem, HistoryPage
from localai_ui.schemas.png_info import GenerationSettings

LORA = re.compile(r'<lora:([^:>]+):([^:>]+)>')
JsonValue = str | int | float | bool | None | list[str]


def stored_request(details: HistoryDetails) -> GenerationRequest | None:
	"""The request as the user made it (before styles; with its seed, model and schedule resolved); None if invalid."""
	try:
		return GenerationRequest.model_validate_json(details.generation.request_json)
	except ValidationError:
		return None


def settings_of(details: HistoryDetails) -> GenerationSettings:
	"""Everything Send to Generate restores: the mode, the pictures it started from, the hires fix and the image
	settings as asked; the seed is this image's own seed."""
	plain = _core_settings(details)
	request = stored_request(details)
	if request is None:
		return plain
	passes = {name: getattr(request, name) for name in (*HIRES_FIELD_NAMES, *IMAGE_FIELD_NAMES)}
	return replace(plain, mode=request.mode, init_image=request.init_image, mask_image=request.mask_image, **passes)


def _core_settings(details: HistoryDetails) -> GenerationSettings:
	run = details.generation
	request = stored_request(details)
	return GenerationSettings(
		prompt=request.prompt if request else run.prompt,
		negative_prompt=request.negative_prompt if request else run.negative_prompt,
		model=run.model_name,
		sampler=run.sampler,
		schedule=run.schedule,
		steps=run.steps,
		cfg_scale=run.cfg_scale,
		width=run.width,
		height=run.height,
		seed=details.item.seed,
		batch_count=run.batch_count,
		batch_size=run.batch_size,
		styles=request.styles if request else (),
		clip_skip=request.clip_skip if request else None,
	)


def item_dict(item: HistoryItem) -> dict[str, JsonValue]:
	return {
		'image_id': item.image_id,
		'generation_id': item.generation_id,
		'file': item.path,
		'thumbnail': item.thumbnail_path,
		'seed': item.seed,
		'prompt': item.prompt,
		'favourite': item.favourite,
		'file_missing': item.file_missing,
		'flagged': item.flagged,
		'created_at': item.created_at.isoformat(),
	}


def page_dict(page: HistoryPage) -> dict[str, object]:
	return {'page': page.page, 'has_next': page.has_next, 'items': [item_dict(item) for item in page.items]}


def details_dict(details: HistoryDetails) -> dict[str, JsonValue]:
	"""Every parameter of the image and its run, flat, for the API, the JSON and the CSV of an export."""
	run = details.generation
	settings = settings_of(details)
	duration = (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
	return {
		**item_dict(details.item),
		'index': details.index,
		'width': details.width,
		'height': details.height,
		'status': run.status.value,
		'negative_prompt': run.negative_prompt,
		'model': run.model_name,
		'model_hash': run.model_hash,
		'sampler': run.sampler,
		'schedule': run.schedule,
		'steps': run.steps,
		'cfg_scale': run.cfg_scale,
		'batch_count': run.batch_count,
		'batch_size': run.batch_size,
		'styles': list(settings.styles or ()),
		'clip_skip': settings.clip_skip,
		'loras': [f'{name}:{weight}' for name, weight in LORA.findall(run.prompt)],
		'started_at': run.started_at.isoformat(),
		'finished_at': run.finished_at.isoformat() if run.finished_at else None,
		'duration_s': round(duration, 3) if duration is not None else None,
		'it_per_s': run.it_per_s,
		'error': run.error,
		'infotext': run.infotext,
	}
