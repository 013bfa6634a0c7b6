"""Issue 13 item 5: every download job ends (`failed` or `done`, never `running` forever); a failed one leaves no
`.part` unless it can resume, a full disk leaves nothing behind, and partial downloads are listed to resume or discard.
"""

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from localai_ui.context import AppContext, build_context
from localai_ui.features.ui_common.partial_downloads import partials_html
from localai_ui.library.imports import AssetImports
from localai_ui.schemas.models import CheckpointDetails
from localai_ui.services.downloads.jobs import DownloadStatus
from localai_ui.services.downloads.partials import source_path
from localai_ui.settings import settings_for
from tests.models.http_server import Files, serving
from tests.reliability.odd_kinds import WEIGHTS, nested, tensors
from tests.reliability.small_disk import small_disks

END_TIMEOUT_S = 20.0
GOOD = tensors({'w': {**WEIGHTS['w'], 'shape': [1024], 'data_offsets': [0, 4096]}}, bytes(4096))


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
	models = tmp_path / 'models'
	models.mkdir()
	built = build_context(settings_for(['--data-dir', str(tmp_path / 'data'), '--models-dir', str(models)]))
	yield built
	built.close()


def ended(imports: AssetImports[CheckpointDetails], started: DownloadStatus) -> DownloadStatus:
	deadline = time.monotonic() + END_TIMEOUT_S
	while (status := imports.jobs.status(started.id)).state == 'running':
		assert time.monotonic() < deadline, f'the download stayed running: {status}'
		time.sleep(0.02)
	return status


def leftovers(folder: Path) -> list[str]:
	return sorted(path.name for path in folder.iterdir() if '.part' in path.name)


def test_a_file_that_fails_validation_ends_failed_and_a_retry_starts(context: AppContext) -> None:
	imports = context.libraries.checkpoints.imports
	with serving(Files({'/deep.safetensors': nested(1100), '/junk.safetensors': b'<html>404</html>'})) as base:
		for name in ('deep', 'deep', 'junk'):  # the retry is a new download, not "already being downloaded"
			status = ended(imports, imports.start_download(f'{base}/{name}.safetensors'))
			assert status.state == 'failed' and str(status.error).startswith(f'{name}.safetensors: ')
	assert 'nests too deeply' in str(imports.jobs.statuses()[0].error)
	assert leftovers(imports.library.root) == [] and imports.partial_downloads() == []


def test_a_cut_download_is_listed_then_resumed_or_discarded(context: AppContext) -> None:
	imports = context.libraries.checkpoints.imports
	root = imports.library.root
	files = Files({'/kept.safetensors': GOOD, '/dropped.safetensors': GOOD}, cut_once=1000)
	with serving(files) as base:
		cut = ended(imports, imports.start_download(f'{base}/kept.safetensors'))
		assert cut.state == 'failed' and 'retry to resume' in str(cut.error)
		files.cut_once = 1000
		ended(imports, imports.start_download(f'{base}/dropped.safetensors'))
		listed = {part.name: part for part in imports.partial_downloads()}
		assert sorted(listed) == ['dropped.safetensors', 'kept.safetensors']
		assert (
			listed['kept.safetensors'].received == 1000 and listed['kept.safetensors'].url == f'{base}/kept.safetensors'
		)
		shown = partials_html(imports.partial_downloads())
		assert 'kept.safetensors' in shown and f'from {base}/kept.safetensors' in shown
		resumed = ended(imports, imports.resume_download('kept.safetensors'))
		assert resumed.state == 'done' and (root / 'kept.safetensors').read_bytes() == GOOD
		assert files.ranges[-1] == 'bytes=1000-'
	imports.discard_download('dropped.safetensors')
	assert leftovers(root) == [] and not source_path(root / 'dropped.safetensors').exists()
	assert imports.partial_downloads() == []


def test_a_full_disk_fails_the_download_and_leaves_no_part(tmp_path: Path) -> None:
	models = tmp_path / 'small-models'
	with small_disks((models, 256)):
		built = build_context(settings_for(['--data-dir', str(tmp_path / 'data'), '--models-dir', str(models)]))
		try:
			imports = built.libraries.checkpoints.imports
			with serving(Files({'/huge.safetensors': GOOD + bytes(2**20), '/after.safetensors': GOOD})) as base:
				full = ended(imports, imports.start_download(f'{base}/huge.safetensors'))
				after = ended(imports, imports.start_download(f'{base}/after.safetensors'))
		finally:
			built.close()
		assert full.state == 'failed'
		assert re.search(rf'disk full: 0 MB free in {re.escape(str(models))}', str(full.error)), full.error
		assert leftovers(models) == [] and after.state == 'done', after.error
