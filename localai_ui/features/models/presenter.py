"""What the Models tab and the API show of the checkpoints: table rows and the details of one model."""

from collections.abc import Collection

from localai_ui.features.library_views import Json, asset_dict, hash_label, human_size
from localai_ui.schemas.assets import Asset
from localai_ui.schemas.models import CheckpointDetails

HEADERS = ['Name', 'Family', 'Size', 'Hash', 'Status', 'Default']
# Fixed shares that fit the longest value of each column at 800 px in the table's monospace font: an empty column
# never shrinks to a sliver with its header stacked letter by letter, and a long name wraps in its own column.
COLUMN_WIDTHS: list[str | int] = ['34%', '11%', '10%', '16%', '17%', '12%']


def status_word(record: Asset[CheckpointDetails], in_memory: Collection[str]) -> str:
	"""'loaded', 'ready', or why it cannot be used in one word (the reason itself is in the details)."""
	if not record.usable:
		return record.status
	return 'loaded' if record.name in in_memory else 'ready'


def table_rows(records: list[Asset[CheckpointDetails]], in_memory: Collection[str]) -> list[list[str]]:
	"""One row per model, in the order of HEADERS; short values only, so no reason or date widens the table."""
	return [
		[
			record.name,
			record.family.label if record.usable else '—',
			human_size(record.row.size),
			hash_label(record),
			status_word(record, in_memory),
			'★' if record.row.is_default else '',
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
