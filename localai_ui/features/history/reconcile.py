"""Startup consistency after a crash: runs left 'running', rows whose file vanished, files with no row."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.services.thumbnails import THUMBNAILS_DIR

IMAGE_SUFFIXES = ('.png', '.jpg', '.jpeg', '.webp')
MAX_UNTRACKED = 10_000


@dataclass(frozen=True)
class ReconcileReport:
	"""What the startup pass found; untracked paths are relative to the outputs folder."""

	interrupted: int = 0
	missing: int = 0
	found_again: int = 0
	untracked: tuple[str, ...] = ()

	def summary(self) -> str:
		parts: list[str] = []
		if self.interrupted:
			parts.append(f'{self.interrupted} run(s) stopped by a crash were marked interrupted')
		if self.missing:
			parts.append(f'{self.missing} image file(s) are missing from the outputs folder')
		if self.untracked:
			parts.append(f'{len(self.untracked)} image file(s) in the outputs folder are not in the history')
		return '; '.join(parts) + '.' if parts else ''


def untracked_files(outputs_dir: Path, known: set[str]) -> tuple[str, ...]:
	"""Image files under outputs with no row, skipping thumbnails and hidden (half-written or staged) files."""
	found: list[str] = []
	for path in sorted(outputs_dir.rglob('*')) if outputs_dir.is_dir() else []:
		relative = path.relative_to(outputs_dir)
		hidden = any(part.startswith('.') for part in relative.parts) or relative.parts[0] == THUMBNAILS_DIR
		if hidden or path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
			continue
		if relative.as_posix() not in known:
			found.append(relative.as_posix())
			if len(found) >= MAX_UNTRACKED:
				break
	return tuple(found)


def reconcile_history(
	database: Database, outputs_dir: Path, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> ReconcileReport:
	"""Mark crashed runs interrupted, flag (and unflag) rows by whether their file exists, list untracked files."""
	with database.transaction() as session:
		interrupted = database_service.interrupt_running(session, finished_at=now())
		rows = database_service.image_files(session)
	gone = [image_id for image_id, path, missing in rows if not missing and not (outputs_dir / path).is_file()]
	back = [image_id for image_id, path, missing in rows if missing and (outputs_dir / path).is_file()]
	with database.transaction() as session:
		database_service.set_file_missing(session, image_ids=gone, missing=True)
		database_service.set_file_missing(session, image_ids=back, missing=False)
	missing = sum(1 for _, _, flagged in rows if flagged) + len(gone) - len(back)
	untracked = untracked_files(outputs_dir, {path for _, path, _ in rows})
	return ReconcileReport(interrupted, missing, len(back), untracked)
