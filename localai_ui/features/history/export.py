"""Exporting history images as one ZIP: the image files plus their parameters as JSON and CSV."""

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from localai_ui.features.history.files import resolve
from localai_ui.features.history.presenter import JsonValue, details_dict
from localai_ui.schemas.history import HistoryDetails


def _csv(rows: list[dict[str, JsonValue]]) -> str:
	buffer = io.StringIO()
	writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [])
	writer.writeheader()
	for row in rows:
		writer.writerow({key: '; '.join(value) if isinstance(value, list) else value for key, value in row.items()})
	return buffer.getvalue()


def write_export(found: Sequence[HistoryDetails], outputs_dir: Path, folder: Path) -> Path:
	"""Write history-<time>.zip into `folder`; a file that vanished is listed with file_missing true."""
	folder.mkdir(parents=True, exist_ok=True)
	target = folder / f'history-{datetime.now(UTC):%Y%m%d-%H%M%S}.zip'
	rows: list[dict[str, JsonValue]] = []
	with zipfile.ZipFile(target, 'w', compression=zipfile.ZIP_STORED) as archive:
		for details in found:
			row = details_dict(details)
			source = resolve(outputs_dir, details.item.path)
			name = f'images/{details.item.image_id:06d}-{PurePosixPath(details.item.path).name}'
			if source.is_file():
				archive.write(source, name)
				row['file'] = name
			else:
				row['file_missing'] = True
			rows.append(row)
		archive.writestr('parameters.json', json.dumps(rows, indent=2, ensure_ascii=False))
		archive.writestr('parameters.csv', _csv(rows))
	return target
