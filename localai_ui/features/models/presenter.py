"""What the Models tab and the API show of the library: table rows, details, sizes, download progress."""

import html
from collections.abc import Collection

from localai_ui.schemas.models import ModelRecord
from localai_ui.services.downloads_jobs import DownloadStatus

HEADERS = ['Name', 'Architecture', 'Format', 'Size', 'Hash', 'Status', 'Default', 'In memory', 'Last used']
_ARCHITECTURE_LABELS = {'sd1': 'SD 1.x', 'sd2': 'SD 2.x', 'sdxl': 'SDXL'}


def human_size(size: int) -> str:
	value = float(size)
	for unit in ('B', 'KB', 'MB', 'GB'):
		if value < 1024 or unit == 'GB':
			return f'{value:.0f} {unit}' if unit == 'B' else f'{value:.1f} {unit}'
		value /= 1024
	return f'{value:.1f} TB'


def status_label(record: ModelRecord) -> str:
	return 'ready' if record.status == 'ok' else f'{record.status}: {record.problem or ""}'.rstrip(': ')


def table_rows(records: list[ModelRecord], in_memory: Collection[str]) -> list[list[str]]:
	"""One row per model, in the order of HEADERS."""
	return [
		[
			record.name,
			_ARCHITECTURE_LABELS.get(record.architecture or '', '—'),
			record.format,
			human_size(record.size),
			record.autov2 or ('…' if record.format != 'diffusers' and record.status != 'missing' else '—'),
			status_label(record),
			'★' if record.is_default else '',
			'yes' if record.name in in_memory else '',
			record.last_used_at.strftime('%Y-%m-%d %H:%M') if record.last_used_at else '',
		]
		for record in records
	]


def record_dict(record: ModelRecord) -> dict[str, object]:
	"""A model as the API returns it: plain JSON values only."""
	return {
		'name': record.name,
		'file': record.relative_path,
		'format': record.format,
		'architecture': record.architecture.value if record.architecture else None,
		'status': record.status,
		'problem': record.problem,
		'size': record.size,
		'hash': record.autov2,
		'sha256': record.sha256,
		'default': record.is_default,
		'vae': record.vae,
		'last_used': record.last_used_at.isoformat() if record.last_used_at else None,
		'metadata': dict(record.metadata),
	}


def download_dict(status: DownloadStatus) -> dict[str, object]:
	return {
		'id': status.id,
		'name': status.name,
		'state': status.state,
		'received': status.received,
		'total': status.total,
		'error': status.error,
	}


def download_html(statuses: list[DownloadStatus]) -> str:
	"""A progress bar per download, newest first (reuses the Generate tab's progress classes)."""
	parts: list[str] = []
	for status in reversed(statuses):
		fraction = status.fraction
		width = 100 if status.state == 'done' else round(100 * fraction) if fraction is not None else 0
		total = f' of {human_size(status.total)}' if status.total else ''
		line = f'{status.name}: {status.state}, {human_size(status.received)}{total}'
		if status.error:
			line += f' — {status.error}'
		parts.append(
			f'<div class="lai-progress"><div class="lai-progress-bar" style="width:{width}%"></div></div>'
			f'<p class="lai-progress-text">{html.escape(line)}</p>'
		)
	return ''.join(parts)
