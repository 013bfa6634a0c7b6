"""Downloads: a whole fp16 repo, resume after a cut connection, cancel, checksum, paths that would leave the folder."""

import hashlib
import threading
from pathlib import Path

import pytest

from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.file_errors import DownloadCancelledError, DownloadError, UnsafePathError
from localai_ui.schemas.hub import HubDownloadPlan, HubPickleOnlyError, HubProgress, PlannedFile
from localai_ui.services.hub import HubClient, plan_repo_download, plan_single_file
from tests.hub.canned_repos import DIFFUSERS, SINGLE
from tests.hub.fake_hub import FakeHub

UNET_FP16 = 'unet/diffusion_pytorch_model.fp16.safetensors'


def fp16_plan(client: HubClient) -> HubDownloadPlan:
	return plan_repo_download(client.model_details(DIFFUSERS), 'fp16')


def fetch(
	client: HubClient, plan: HubDownloadPlan, target: Path, seen: list[HubProgress], cancel: CancelToken | None = None
) -> list[Path]:
	return client.download_files(
		plan.repo_id,
		plan.files,
		target,
		token=None,
		cancel=cancel or CancelToken(),
		progress=seen.append,
		revision=plan.revision,
	)


def test_a_whole_repo_lands_as_a_loadable_fp16_folder(client: HubClient, fake: FakeHub, tmp_path: Path) -> None:
	plan = fp16_plan(client)
	seen: list[HubProgress] = []
	target = tmp_path / 'tiny-diffusers'
	paths = fetch(client, plan, target, seen)
	repo = fake.repos[DIFFUSERS]
	for planned, path in zip(plan.files, paths, strict=True):
		assert path == target / planned.save_as and path.read_bytes() == repo.files[planned.path]
	written = sorted(str(path.relative_to(target)) for path in target.rglob('*') if path.is_file())
	assert written == sorted(file.save_as for file in plan.files)
	assert not any(name.endswith(('.bin', '.ckpt', '.msgpack', '.onnx', '.part')) for name in written)
	assert seen[-1].path == 'model_index.json' and seen[-1].index == seen[-1].count == len(plan.files)
	assert seen[-1].done == seen[-1].total == plan.total_size
	assert [update.done for update in seen] == sorted(update.done for update in seen)
	assert all(f'/resolve/{plan.revision}/' in request.path for request in fake.requests_for('/resolve/'))


def test_resume_after_a_cut_connection_sends_range_and_checks_sha256(
	client: HubClient, fake: FakeHub, tmp_path: Path
) -> None:
	plan = fp16_plan(client)
	body = fake.repos[DIFFUSERS].files[UNET_FP16]
	fake.cut_once[f'{DIFFUSERS}/{UNET_FP16}'] = 100_000
	target = tmp_path / 'model'
	with pytest.raises(DownloadError, match='retry to resume'):
		fetch(client, plan, target, [])
	part = target / 'unet/diffusion_pytorch_model.safetensors.part'
	kept = part.stat().st_size
	assert (
		0 < kept <= 100_000 and (target / 'unet/config.json').is_file() and not (target / 'model_index.json').exists()
	)
	fetch(client, plan, target, [])
	blob = f'/cdn/{hashlib.sha256(body).hexdigest()}'
	assert [request.range for request in fake.requests_for(blob)] == ['', f'bytes={kept}-']
	final = (target / 'unet/diffusion_pytorch_model.safetensors').read_bytes()
	assert hashlib.sha256(final).hexdigest() == hashlib.sha256(body).hexdigest() and not part.exists()
	assert len(fake.requests_for('/unet/config.json')) == 1  # finished files are not fetched again


def test_cancel_stops_the_download_and_removes_the_part_file(client: HubClient, fake: FakeHub, tmp_path: Path) -> None:
	plan = fp16_plan(client)
	fake.delay_s = 0.01
	cancel = CancelToken()
	seen: list[HubProgress] = []

	def cancel_midway(update: HubProgress) -> None:
		seen.append(update)
		if update.path.startswith('unet/diffusion') and update.file_done > 0:
			cancel.cancel()

	with pytest.raises(DownloadCancelledError, match='cancelled'):
		client.download_files(plan.repo_id, plan.files, tmp_path, token=None, cancel=cancel, progress=cancel_midway)
	assert not list(tmp_path.rglob('*.part')) and not (tmp_path / 'unet/diffusion_pytorch_model.safetensors').exists()
	assert not (tmp_path / 'model_index.json').exists()
	with pytest.raises(DownloadCancelledError):
		client.download_files(plan.repo_id, plan.files, tmp_path, token=None, cancel=cancel, progress=seen.append)


def test_a_blob_that_does_not_match_its_sha256_is_deleted(client: HubClient, fake: FakeHub, tmp_path: Path) -> None:
	fake.corrupt.add(f'{SINGLE}/model-xl.safetensors')
	plan = plan_single_file(client.model_details(SINGLE), 'model-xl.safetensors')
	with pytest.raises(DownloadError, match='model-xl.safetensors: sha256 mismatch'):
		fetch(client, plan, tmp_path, [])
	assert list(tmp_path.iterdir()) == []


def test_a_single_file_goes_into_the_folder_given(client: HubClient, fake: FakeHub, tmp_path: Path) -> None:
	plan = plan_single_file(client.model_details(SINGLE), 'model-xl.safetensors')
	loras = tmp_path / 'loras'
	[path] = fetch(client, plan, loras, [])
	assert (
		path == loras / 'model-xl.safetensors' and path.read_bytes() == fake.repos[SINGLE].files['model-xl.safetensors']
	)


@pytest.mark.parametrize('name', ['../escape.json', '/etc/evil.json', 'unet/../../escape.json'])
def test_a_path_that_would_leave_the_folder_is_refused(client: HubClient, tmp_path: Path, name: str) -> None:
	target = tmp_path / 'inside'
	with pytest.raises(UnsafePathError):
		client.download_files(
			DIFFUSERS, [PlannedFile(name, name, 2, None)], target, token=None, cancel=CancelToken(), progress=print
		)
	assert sorted(tmp_path.rglob('*')) == []


def test_a_pickle_is_never_downloaded_even_when_asked(client: HubClient, fake: FakeHub, tmp_path: Path) -> None:
	pickle = PlannedFile('unet/diffusion_pytorch_model.bin', 'unet/diffusion_pytorch_model.safetensors', 10, None)
	with pytest.raises(HubPickleOnlyError, match='never downloaded'):
		client.download_files(DIFFUSERS, [pickle], tmp_path, token=None, cancel=CancelToken(), progress=print)
	assert fake.seen == [] and list(tmp_path.iterdir()) == []


def test_a_different_file_already_there_is_not_overwritten(client: HubClient, tmp_path: Path) -> None:
	plan = plan_single_file(client.model_details(SINGLE), 'model-xl.safetensors')
	(tmp_path / 'model-xl.safetensors').write_bytes(b'mine')
	with pytest.raises(DownloadError, match='already in'):
		fetch(client, plan, tmp_path, [])
	assert (tmp_path / 'model-xl.safetensors').read_bytes() == b'mine'


def test_downloads_run_side_by_side(client: HubClient, tmp_path: Path) -> None:
	plan = plan_single_file(client.model_details(SINGLE), 'model-xl.safetensors')
	errors: list[BaseException] = []

	def run(folder: Path) -> None:
		try:
			fetch(client, plan, folder, [])
		except BaseException as error:  # collected for the assertion below
			errors.append(error)

	threads = [threading.Thread(target=run, args=(tmp_path / str(index),)) for index in range(3)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join()
	assert errors == [] and len(list(tmp_path.rglob('model-xl.safetensors'))) == 3


def test_a_target_that_cannot_be_written_is_a_clear_error(client: HubClient, tmp_path: Path) -> None:
	plan = plan_single_file(client.model_details(SINGLE), 'model-xl.safetensors')
	not_a_folder = tmp_path / 'loras'
	not_a_folder.write_bytes(b'a file where the folder should be')
	with pytest.raises(DownloadError, match=r'model-xl.safetensors: cannot write in .*loras'):
		fetch(client, plan, not_a_folder, [])
