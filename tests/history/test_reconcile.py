"""After a crash: running runs become interrupted, vanished files are flagged, untracked files can be imported."""

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from localai_ui.context import AppContext
from localai_ui.database import Database
from localai_ui.features.history.reconcile import reconcile_history
from localai_ui.features.history.service import HistoryService
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus
from tests.features.generate_helpers import generate_service, run_to_end, small_request
from tests.history.png_samples import SAMPLES
from tests.history.seeding import seed_run

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def test_crashed_runs_missing_files_and_untracked_files(
	history: HistoryService, database: Database, outputs: Path
) -> None:
	crashed = seed_run(database, outputs, GenerationRequest(prompt='crashed'), status=RunStatus.RUNNING)
	kept = seed_run(database, outputs, GenerationRequest(prompt='kept'))
	(outputs / kept.paths[0]).unlink()
	(outputs / 'old').mkdir()
	(outputs / 'old' / 'a1111.png').write_bytes(SAMPLES['a1111'])
	(outputs / 'old' / 'plain.png').write_bytes(SAMPLES['plain'])
	(outputs / 'old' / '.half-written.png').write_bytes(b'')
	(outputs / 'old' / 'notes.txt').write_text('not an image')
	report = reconcile_history(database, outputs, now=lambda: NOW)
	assert (report.interrupted, report.missing, report.found_again) == (1, 1, 0)
	assert report.untracked == ('old/a1111.png', 'old/plain.png')
	assert 'marked interrupted' in report.summary() and '2 image file(s)' in report.summary()
	stopped = history.details(crashed.image_ids[0]).generation
	assert stopped.status is RunStatus.INTERRUPTED and stopped.finished_at == NOW
	assert history.details(kept.image_ids[0]).item.file_missing
	imported, skipped = history.import_untracked(report.untracked)
	assert imported == 1 and skipped == ['old/plain.png: no generation settings in the file']
	[found] = history.search(HistoryFilters(text='castle')).items
	settings = history.settings(found.image_id)
	assert (settings.seed, settings.steps, settings.sampler, settings.model) == (1234, 28, 'DPM++ 2M', 'dreamshaper_8')
	assert found.thumbnail_path and (outputs / found.thumbnail_path).is_file()
	Image.new('RGB', (8, 8)).save(outputs / kept.paths[0])
	again = reconcile_history(database, outputs)
	assert (again.interrupted, again.missing, again.found_again, again.untracked) == (0, 0, 1, ('old/plain.png',))
	assert again.summary().startswith('1 image file(s) in the outputs folder')
	assert reconcile_history(database, outputs / 'nowhere').missing == 3


def test_a_real_run_saves_a_thumbnail_and_startup_reconciles(context: AppContext) -> None:
	_, finished = run_to_end(generate_service(context), small_request(seed=3, batch_size=2))
	history = HistoryService(database=context.database, outputs_dir=context.settings.outputs_dir)
	page = history.search(HistoryFilters(text='lighthouse'))
	assert [item.seed for item in page.items] == [4, 3] and context.history_report.summary() == ''
	for item in page.items:
		assert item.thumbnail_path is not None
		with Image.open(context.settings.outputs_dir / item.thumbnail_path) as thumbnail:
			assert thumbnail.format == 'WEBP' and max(thumbnail.size) <= 256
	assert finished.generation_id == page.items[0].generation_id
