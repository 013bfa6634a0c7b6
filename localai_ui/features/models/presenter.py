"""What the Models tab and the API show of the checkpoints: table rows and the details of one model."""

from collections.abc import Collection

from localai_ui.features.library_views import Json, asset_dict, hash_label, human_size, status_label
from localai_ui.schemas.assets import Asset
from localai_ui.schemas.models import CheckpointDetails

HEADERS = ['Name', 'Family', 'Format', 'Size', 'Hash', 'Status', 'Default', 'In memory', 'Last used']


def table_rows(records: list[Asset[CheckpointDetails]], in_memory: Collection[str]) -> list[list[str]]:
	"""One row per model, in the order of HEADERS."""
	return [
		[
			record.name,
			record.family.label if record.usable else '—',
			record.row.format,
			human_size(record.row.size),
			hash_label(record),
			status_label(record),
			'★' if record.row.is_default else '',
			'yes' if record.name in in_memory else '',
			record.row.last_used_at.strftime('%Y-%m-%d %H:%M') if record.row.last_used_at else '',
		]
		for record in records
	]


def record_dict(record: Asset[CheckpointDetails]) -> Json:
	"""A model as the API returns it: plain JSON values only."""
	row = record.row
	return {
		**asset_dict(record),
		'architecture': row.family.value if record.usable else None,
		'default': row.is_default,
		'vae': row.vae,
		'last_used': row.last_used_at.isoformat() if row.last_used_at else None,
	}
