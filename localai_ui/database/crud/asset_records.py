"""Asset rows as the frozen records callers get; stored text that no longer parses reads as a damaged row."""

import json

from localai_ui.database.tables.assets import AssetRow
from localai_ui.schemas.assets import (
	ASSET_FORMATS,
	ASSET_STATUSES,
	AssetFormat,
	AssetKind,
	AssetStatus,
	Family,
	StoredAsset,
)
from localai_ui.schemas.json_values import parse_json_object


def stored_asset(row: AssetRow) -> StoredAsset:
	return StoredAsset(
		id=row.id,
		kind=AssetKind(row.kind),
		name=row.name,
		relative_path=row.relative_path,
		format=_format(row.format),
		family=Family(row.family) if row.family in set(Family) else Family.UNKNOWN,
		status=_status(row.status),
		problem=row.problem,
		size=row.size,
		mtime=row.mtime,
		sha256=row.sha256,
		autov2=row.autov2,
		addnet_hash=row.addnet_hash,
		metadata=_metadata(row.metadata_json),
		details_json=row.details_json,
		is_default=row.is_default,
		vae=row.vae,
		preview_path=row.preview_path,
		last_used_at=row.last_used_at,
		added_at=row.added_at,
	)


def metadata_json(metadata: dict[str, str]) -> str:
	return json.dumps(metadata, ensure_ascii=False)


def _metadata(text: str) -> dict[str, str]:
	try:
		return {key: str(value) for key, value in parse_json_object(text).items()}
	except ValueError:
		return {}


def _status(value: str) -> AssetStatus:
	for status in ASSET_STATUSES:
		if status == value:
			return status
	return 'invalid'


def _format(value: str) -> AssetFormat:
	for known in ASSET_FORMATS:
		if known == value:
			return known
	return 'other'
