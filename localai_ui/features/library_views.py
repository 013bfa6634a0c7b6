"""How every tab shows library entries and downloads (no Gradio here): sizes, states, API dicts, progress bars."""

import html

from localai_ui.schemas.assets import Asset, D
from localai_ui.services.downloads.jobs import DownloadStatus

Json = dict[str, object]


def human_size(size: int) -> str:
	value = float(size)
	for unit in ('B', 'KB', 'MB', 'GB'):
		if value < 1024 or unit == 'GB':
			return f'{value:.0f} {unit}' if unit == 'B' else f'{value:.1f} {unit}'
		value /= 1024
	return f'{value:.1f} TB'


def hash_label(record: Asset[D]) -> str:
	"""AutoV2, '…' while the background hasher has not reached it, '—' where there is none to make."""
	if record.row.autov2:
		return record.row.autov2
	return '—' if record.row.format == 'diffusers' or record.status in ('missing', 'invalid') else '…'


def asset_dict(record: Asset[D]) -> Json:
	"""The fields every kind shares, as the API returns them: plain JSON values only."""
	row = record.row
	return {
		'name': record.name,
		'file': row.relative_path,
		'format': row.format,
		'family': row.family.value,
		'status': row.status,
		'problem': row.problem,
		'size': row.size,
		'hash': row.autov2,
		'sha256': row.sha256,
		'metadata': dict(row.metadata),
	}


def download_dict(status: DownloadStatus) -> Json:
	return {
		'id': status.id,
		'name': status.name,
		'state': status.state,
		'received': status.received,
		'total': status.total,
		'error': status.error,
	}


def download_html(statuses: list[DownloadStatus]) -> str:
	"""A progress bar per download, newest first (the Generate tab's progress classes)."""
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
