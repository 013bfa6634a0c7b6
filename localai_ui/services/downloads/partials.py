"""Partial downloads in a library folder (`NAME.part`): listed with what they came from, resumed or discarded.

The URL and expected sha256 of a download are kept beside its `.part` in a hidden `.NAME.part.source.json`, so a
download cut short (a dropped connection, a restart) can resume from the Models tab after a restart too.
"""

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from localai_ui.services.atomic_files import write_atomic
from localai_ui.services.file_intake import PARTIAL_SUFFIX

SOURCE_SUFFIX = '.source.json'


@dataclass(frozen=True)
class PartialDownload:
	"""A `.part` file: `name` is the file it becomes; `url` is None when it was not a download (an import cut short)."""

	name: str
	received: int
	url: str | None = None
	sha256: str | None = None


def partial_path(target: Path) -> Path:
	return target.with_name(target.name + PARTIAL_SUFFIX)


def source_path(target: Path) -> Path:
	return target.with_name(f'.{target.name}{PARTIAL_SUFFIX}{SOURCE_SUFFIX}')


def remember_source(target: Path, url: str, sha256: str | None) -> None:
	"""Note where `target`'s download comes from, for a resume after a restart."""
	write_atomic(source_path(target), json.dumps({'url': url, 'sha256': sha256}).encode())


def forget_source(target: Path) -> None:
	"""Drop the note once nothing is left to resume (done, cancelled, or a failure that removed the `.part`)."""
	if not partial_path(target).exists():
		source_path(target).unlink(missing_ok=True)


def discard_partial(target: Path) -> None:
	"""Delete `target`'s `.part` and its note; the disk space comes back."""
	partial_path(target).unlink(missing_ok=True)
	source_path(target).unlink(missing_ok=True)


def list_partials(folder: Path) -> list[PartialDownload]:
	"""Every regular `.part` file directly in `folder`, by name; a missing folder has none."""
	try:
		entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
	except OSError:
		return []
	found: list[PartialDownload] = []
	for entry in entries:
		if entry.name.startswith('.') or not entry.name.endswith(PARTIAL_SUFFIX):
			continue
		try:
			info = entry.stat(follow_symlinks=False)
		except OSError:
			continue
		if stat.S_ISREG(info.st_mode):
			target = Path(entry.path).with_name(entry.name.removesuffix(PARTIAL_SUFFIX))
			url, sha256 = _source(target)
			found.append(PartialDownload(target.name, info.st_size, url, sha256))
	return found


def _source(target: Path) -> tuple[str | None, str | None]:
	try:
		loaded: object = json.loads(source_path(target).read_text(encoding='utf-8'))
	except (OSError, ValueError):
		return None, None
	if not isinstance(loaded, dict):
		return None, None
	values = cast(dict[str, object], loaded)
	url, sha256 = values.get('url'), values.get('sha256')
	return (url if isinstance(url, str) else None), (sha256 if isinstance(sha256, str) else None)
