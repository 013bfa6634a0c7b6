"""Turns ORM rows into the frozen records callers get, and seed lists into the JSON stored for them."""

import json
from collections.abc import Sequence

from pydantic import StrictInt, TypeAdapter, ValidationError

from localai_ui.database.errors import DatabaseError
from localai_ui.database.tables.generations import GenerationRow, ImageRow
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import RUN_MODES, GenerationRecord, ImageRecord, RunMode

_SEEDS = TypeAdapter(tuple[StrictInt, ...])
_MODES: dict[str, RunMode] = {mode: mode for mode in RUN_MODES}


def seeds_to_json(seeds: Sequence[int]) -> str:
	return json.dumps([int(seed) for seed in seeds])


def seeds_from_json(text: str) -> tuple[int, ...]:
	"""Read the stored seed list; anything but a JSON list of integers means the row was damaged."""
	try:
		return _SEEDS.validate_json(text)
	except ValidationError as error:
		raise DatabaseError(f'history database: stored seeds {text!r} are not a list of integers') from error


def generation_record(row: GenerationRow) -> GenerationRecord:
	return GenerationRecord(
		id=row.id,
		status=RunStatus(row.status),
		prompt=row.prompt,
		negative_prompt=row.negative_prompt,
		model_name=row.model_name,
		model_hash=row.model_hash,
		sampler=row.sampler,
		schedule=row.schedule,
		steps=row.steps,
		cfg_scale=row.cfg_scale,
		width=row.width,
		height=row.height,
		seed=row.seed,
		batch_count=row.batch_count,
		batch_size=row.batch_size,
		seeds=seeds_from_json(row.seeds),
		request_json=row.request_json,
		error=row.error,
		started_at=row.started_at,
		finished_at=row.finished_at,
		it_per_s=row.it_per_s,
		infotext=row.infotext,
		mode=_MODES.get(row.mode, 'txt2img'),
		source=row.source,
	)


def image_record(row: ImageRow) -> ImageRecord:
	return ImageRecord(
		id=row.id,
		generation_id=row.generation_id,
		path=row.path,
		seed=row.seed,
		index=row.index,
		width=row.width,
		height=row.height,
		created_at=row.created_at,
	)
