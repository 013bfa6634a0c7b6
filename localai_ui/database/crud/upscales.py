"""Recording a finished upscale: one run (mode 'upscale', its source picture) and its one image, written together."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from localai_ui.database.crud.generation_records import seeds_to_json
from localai_ui.database.crud.generations import add_image
from localai_ui.database.errors import driver_errors
from localai_ui.database.tables.generations import GenerationRow
from localai_ui.schemas.progress import RunStatus


@dataclass(frozen=True)
class RecordedUpscale:
	generation_id: int
	image_id: int


@driver_errors
def record_upscale(
	session: Session,
	*,
	upscaler: str,
	source: str,
	path: str,
	width: int,
	height: int,
	request_json: str,
	infotext: str,
	started_at: datetime,
	finished_at: datetime,
) -> RecordedUpscale:
	"""An upscale is recorded once its file exists, completed; the upscaler stands where a run names its model.

	An upscale has no prompt, sampler or seed: those columns hold empty values (steps 0, seed 0).
	"""
	row = GenerationRow(
		status=RunStatus.COMPLETED.value,
		prompt='',
		negative_prompt='',
		model_name=upscaler,
		model_hash=None,
		sampler='',
		schedule='',
		steps=0,
		cfg_scale=0.0,
		width=width,
		height=height,
		seed=0,
		batch_count=1,
		batch_size=1,
		seeds=seeds_to_json([0]),
		request_json=request_json,
		infotext=infotext,
		started_at=started_at,
		finished_at=finished_at,
		mode='upscale',
		source=source,
	)
	session.add(row)
	session.flush()
	image_id = add_image(
		session,
		generation_id=row.id,
		path=path,
		seed=0,
		index=0,
		width=width,
		height=height,
		created_at=finished_at,
	)
	return RecordedUpscale(row.id, image_id)
