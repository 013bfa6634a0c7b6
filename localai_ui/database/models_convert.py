"""ModelRow -> ModelRecord, and the scanned facts written into a row."""

from collections.abc import Mapping
from dataclasses import dataclass

from localai_ui.database.models_tables import ModelRow
from localai_ui.schemas.models import Architecture, ModelRecord, ModelStatus
from localai_ui.services.json_objects import parse_json_object

_STATUSES: tuple[ModelStatus, ...] = ('ok', 'unsupported', 'invalid', 'missing')


@dataclass(frozen=True)
class ScannedModel:
	"""What the scan measured and found out about one entry of the models folder."""

	relative_path: str
	name: str
	format: str
	architecture: Architecture | None
	config: str | None
	status: ModelStatus
	problem: str | None
	size: int
	mtime: float
	metadata: Mapping[str, str]


def model_record(row: ModelRow) -> ModelRecord:
	metadata = {key: str(value) for key, value in parse_json_object(row.metadata_json).items()}
	status = _status(row.status)
	architecture = Architecture(row.architecture) if row.architecture in set(Architecture) else None
	return ModelRecord(
		id=row.id,
		name=row.name,
		relative_path=row.relative_path,
		format=row.format,
		architecture=architecture,
		config=row.config,
		status=status,
		problem=row.problem,
		size=row.size,
		mtime=row.mtime,
		sha256=row.sha256,
		autov2=row.autov2,
		metadata=metadata,
		vae=row.vae,
		is_default=row.is_default,
		last_used_at=row.last_used_at,
		added_at=row.added_at,
	)


def _status(value: str) -> ModelStatus:
	for status in _STATUSES:
		if status == value:
			return status
	return 'invalid'
