"""URL downloads over a loopback server: progress, resume with Range, checksum mismatch, cancel, refusals."""

import hashlib
import time
from pathlib import Path

import httpx
import pytest

from localai_ui.context import AppContext
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.file_errors import DownloadError
from localai_ui.services.downloads.download import download, file_name_from_url
from localai_ui.services.downloads.jobs import DownloadStatus
from tests.models.http_server import Files, serving


def ignore(_done: int, _total: int | None) -> None:
	pass


def checkpoint_bytes(context: AppContext) -> bytes:
	return (context.settings.models_dir / 'tiny-sd15.safetensors').read_bytes()


def wait_for(context: AppContext, job_id: str, timeout_s: float = 20.0) -> DownloadStatus:
	deadline = time.monotonic() + timeout_s
	while (status := context.libraries.checkpoints.imports.jobs.status(job_id)).state == 'running':
		assert time.monotonic() < deadline, 'download did not finish'
		time.sleep(0.02)
	return status


def test_download_reports_progress_and_appears_in_the_library(models_context: AppContext) -> None:
	body = checkpoint_bytes(models_context)
	with serving(Files({'/new-model.safetensors': body})) as base:
		started = models_context.libraries.checkpoints.imports.start_download(
			f'{base}/new-model.safetensors', hashlib.sha256(body).hexdigest()
		)
		status = wait_for(models_context, started.id)
	assert status.state == 'done' and status.received == status.total == len(body)
	record = models_context.libraries.checkpoints.library.record('new-model')
	assert (
		record.row.size == len(body)
		and not (models_context.settings.models_dir / 'new-model.safetensors.part').exists()
	)


def test_an_interrupted_download_resumes_with_a_range_request(tmp_path: Path) -> None:
	body = bytes(range(256)) * 4000
	target = tmp_path / 'model.safetensors'
	files = Files({'/m.safetensors': body}, cut_once=300_000)
	seen: list[int] = []

	def record(done: int, _total: int | None) -> None:
		seen.append(done)

	with serving(files) as base, httpx.Client() as client:
		with pytest.raises(DownloadError, match='retry to resume'):
			download(
				f'{base}/m.safetensors',
				target,
				sha256=None,
				cancel=CancelToken(),
				progress=record,
				client=client,
			)
		kept = (tmp_path / 'model.safetensors.part').stat().st_size
		assert 0 < kept <= 300_000 and not target.exists()
		with pytest.raises(DownloadError, match='not a usable model'):
			download(
				f'{base}/m.safetensors',
				target,
				sha256=hashlib.sha256(body).hexdigest(),
				cancel=CancelToken(),
				progress=record,
				client=client,
			)
	assert files.ranges == ['', f'bytes={kept}-'] and seen[-1] == len(body)
	assert not (tmp_path / 'model.safetensors.part').exists() and not target.exists()


def test_resume_then_checksum_then_rename(models_context: AppContext, tmp_path: Path) -> None:
	body = checkpoint_bytes(models_context)
	target = tmp_path / 'ok.safetensors'
	files = Files({'/ok.safetensors': body}, cut_once=len(body) // 2)
	expected = hashlib.sha256(body).hexdigest()
	with serving(files) as base, httpx.Client() as client:
		url = f'{base}/ok.safetensors'
		with pytest.raises(DownloadError):
			download(url, target, sha256=expected, cancel=CancelToken(), progress=ignore, client=client)
		kept = target.with_name('ok.safetensors.part').stat().st_size
		download(url, target, sha256=expected, cancel=CancelToken(), progress=ignore, client=client)
	assert target.read_bytes() == body and files.ranges == ['', f'bytes={kept}-']


def test_checksum_mismatch_deletes_the_download(models_context: AppContext) -> None:
	with serving(Files({'/bad.safetensors': checkpoint_bytes(models_context)})) as base:
		started = models_context.libraries.checkpoints.imports.start_download(f'{base}/bad.safetensors', '0' * 64)
		status = wait_for(models_context, started.id)
	assert status.state == 'failed' and 'sha256 mismatch' in str(status.error)
	assert list(models_context.settings.models_dir.glob('bad*')) == []
	assert models_context.libraries.checkpoints.library.find('bad') is None


def test_cancel_stops_and_cleans_up(models_context: AppContext) -> None:
	files = Files({'/slow.safetensors': bytes(2_000_000)}, delay_s=0.002)
	with serving(files) as base:
		started = models_context.libraries.checkpoints.imports.start_download(f'{base}/slow.safetensors')
		while models_context.libraries.checkpoints.imports.jobs.status(started.id).received == 0:
			time.sleep(0.01)
		models_context.libraries.checkpoints.imports.jobs.cancel(started.id)
		status = wait_for(models_context, started.id)
	assert status.state == 'cancelled'
	assert list(models_context.settings.models_dir.glob('slow*')) == []


@pytest.mark.parametrize(
	('url', 'reason'),
	[
		('ftp://example.invalid/a.safetensors', 'only http'),
		('http://127.0.0.1/model.ckpt', 'only .safetensors'),
		('http://127.0.0.1/a%2F..%2Fb.safetensors', 'a name may not'),
	],
)
def test_refused_urls(url: str, reason: str) -> None:
	with pytest.raises(DownloadError if 'name' not in reason else Exception, match=reason):
		file_name_from_url(url)


def test_http_errors_and_existing_names(models_context: AppContext) -> None:
	with serving(Files()) as base:
		started = models_context.libraries.checkpoints.imports.start_download(f'{base}/missing.safetensors')
		assert 'HTTP 404' in str(wait_for(models_context, started.id).error)
	with pytest.raises(Exception, match='already in the models folder'):
		models_context.libraries.checkpoints.imports.start_download('http://127.0.0.1:9/tiny-sd15.safetensors')
