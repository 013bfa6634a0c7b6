"""The checker's weights fetched on request from a loopback stand-in for the hub: safetensors and config only."""

from pathlib import Path

import pytest

from localai_ui.cores.safety.download import download_checker
from localai_ui.cores.safety.errors import SafetyCheckerMissingError
from localai_ui.cores.safety.files import CHECKER_REPO
from localai_ui.cores.safety.loader import load_checker
from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.hub import HubProgress
from localai_ui.services.hub import HubClient
from tests.hub.fake_hub import FakeHub, FakeRepo
from tests.hub.fake_hub_server import serving
from tests.safety.tiny_checker import FLAG_ALL, checkerboard, save_tiny_checker


def checker_hub(source: Path) -> FakeHub:
	files = {name: (source / name).read_bytes() for name in ('config.json', 'model.safetensors')}
	files['pytorch_model.bin'] = b'\x80\x04pickle'
	files['preprocessor_config.json'] = b'{}'
	return FakeHub({CHECKER_REPO: FakeRepo(CHECKER_REPO, files, ['transformers'], pipeline_tag='')})


def test_download_fetches_the_safetensors_weights_and_the_checker_then_loads(tmp_path: Path) -> None:
	fake = checker_hub(save_tiny_checker(tmp_path / 'source', FLAG_ALL))
	folder = tmp_path / 'data' / 'safety_checker'
	seen: list[HubProgress] = []
	with serving(fake) as endpoint:
		dropped: list[bool] = []
		client = HubClient(allow_network=True, endpoint=endpoint, environ={})
		files = SafetyFiles(folder, lambda: dropped.append(True), client, lambda: None)
		assert 'No checker weights in' in files.state()
		assert files.download(CancelToken(), seen.append) == f'Checker weights found in `{folder}`.'
	assert sorted(path.name for path in folder.iterdir()) == ['config.json', 'model.safetensors']
	assert fake.requests_for('pytorch_model.bin') == []
	assert seen and seen[-1].done == seen[-1].total
	assert dropped == [True]  # a checker loaded from older weights is forgotten
	assert load_checker(folder).flags([checkerboard()]) == [True]


def test_a_repo_without_safetensors_weights_is_refused(tmp_path: Path) -> None:
	fake = checker_hub(save_tiny_checker(tmp_path / 'source', FLAG_ALL))
	del fake.repos[CHECKER_REPO].files['model.safetensors']
	with serving(fake) as endpoint:
		client = HubClient(allow_network=True, endpoint=endpoint, environ={})
		with pytest.raises(
			SafetyCheckerMissingError, match=r'stable-diffusion-safety-checker at .* has no model\.safet'
		):
			download_checker(client, tmp_path / 'checker', token=None, cancel=CancelToken(), progress=lambda _: None)
	assert not (tmp_path / 'checker').exists()
