"""Files of the history under the outputs folder: resolving stored paths safely, deleting with the row as one step."""

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from localai_ui.database.engine import Database
from localai_ui.schemas.errors import InvalidRequestError


def resolve(outputs_dir: Path, relative: str) -> Path:
	"""outputs/`relative`, refusing anything that would land outside the outputs folder."""
	root = outputs_dir.resolve()
	path = (root / relative).resolve()
	if not path.is_relative_to(root):
		raise InvalidRequestError(f'{relative!r} is outside the outputs folder')
	return path


def _stage(path: Path) -> tuple[Path, Path] | None:
	"""Move a file aside (same folder, hidden name) so it can be put back if the database refuses the delete."""
	if not path.is_file():
		return None
	aside = path.with_name(f'.{path.name}.deleting')
	os.replace(path, aside)
	return path, aside


def delete_with_row(
	database: Database, outputs_dir: Path, delete_row: Callable[[Session], tuple[str, str | None]]
) -> None:
	"""Delete a row and its files together: files go aside, the row is deleted and committed, then files go.

	If anything fails before the commit, the files are moved back and the row stays.
	"""
	staged: list[tuple[Path, Path]] = []
	try:
		with database.transaction() as session:
			path, thumbnail = delete_row(session)
			for relative in (path, thumbnail):
				moved = _stage(resolve(outputs_dir, relative)) if relative else None
				if moved is not None:
					staged.append(moved)
	except BaseException:
		for original, aside in staged:
			os.replace(aside, original)
		raise
	for _, aside in staged:
		aside.unlink(missing_ok=True)
