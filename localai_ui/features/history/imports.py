"""Bringing image files that have no row back into the history, from the settings written in them."""

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from pydantic import ValidationError

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.history.files import resolve
from localai_ui.features.history.png_styles import style_library, with_library_styles
from localai_ui.schemas.errors import LocalAIError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.png_info import GenerationSettings, MetadataSource, PngInfo
from localai_ui.schemas.progress import RunStatus
from localai_ui.services.png_info import read_png_info
from localai_ui.services.thumbnails import thumbnail_from_file

UNKNOWN_MODEL = 'unknown'


def request_of(settings: GenerationSettings) -> GenerationRequest:
	"""A valid request from what the file says; anything it does not say keeps the request's default."""
	values = {
		'prompt': settings.prompt,
		'negative_prompt': settings.negative_prompt,
		'sampler': settings.sampler,
		'schedule': settings.schedule,
		'steps': settings.steps,
		'cfg_scale': settings.cfg_scale,
		'width': settings.width,
		'height': settings.height,
		'seed': settings.seed,
		'styles': settings.styles,
		'clip_skip': settings.clip_skip,
	}
	return GenerationRequest.model_validate({key: value for key, value in values.items() if value is not None})


def _import_one(database: Database, outputs_dir: Path, relative: str, info: PngInfo, asked: PngInfo) -> None:
	"""One row from `info` (what ran); `asked` has the styles taken out of the prompt, for Send to Generate."""
	settings = info.settings or GenerationSettings()
	request = request_of(settings)
	path = resolve(outputs_dir, relative)
	with Image.open(path) as image:
		width, height = image.size
	created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
	seed = settings.seed if settings.seed is not None else 0
	infotext = dict(info.raw).get('parameters', '')
	thumbnail = thumbnail_from_file(outputs_dir, relative)
	with database.transaction() as session:
		model = settings.model or UNKNOWN_MODEL
		generation_id = database_service.create_generation(
			session, request=request, model_name=model, model_hash=None, seeds=(seed,), started_at=created,
			asked=request_of(asked.settings or settings),
		)  # fmt: skip
		database_service.finish_generation(
			session,
			generation_id=generation_id,
			status=RunStatus.COMPLETED,
			finished_at=created,
			it_per_s=None,
			error=None,
			infotext=infotext,
		)
		image_id = database_service.add_image(
			session,
			generation_id=generation_id,
			path=relative,
			seed=seed,
			index=0,
			width=width,
			height=height,
			created_at=created,
		)
		database_service.set_thumbnail(session, image_id=image_id, thumbnail_path=thumbnail)


def import_untracked(database: Database, outputs_dir: Path, paths: Sequence[str]) -> tuple[int, list[str]]:
	"""Import each file that carries readable settings; returns how many were imported and why others were not."""
	imported = 0
	skipped: list[str] = []
	library = style_library(database)
	for relative in paths:
		try:
			info = read_png_info(resolve(outputs_dir, relative))
			if info.source in (MetadataSource.NONE, MetadataSource.UNKNOWN):
				skipped.append(f'{relative}: no generation settings in the file')
				continue
			_import_one(database, outputs_dir, relative, info, with_library_styles(info, library))
			imported += 1
		except (LocalAIError, OSError, ValidationError) as error:
			skipped.append(f'{relative}: {error}')
	return imported, skipped
