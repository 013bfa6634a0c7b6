"""Details: files with sizes and sha256, license, tags, the card's summary, pipeline folders; hub errors made clear."""

import hashlib

import pytest

from localai_ui.schemas.hub import HubFamily, HubInvalidIdError, HubNotFoundError, HubServerError
from localai_ui.services.hub import HubClient, single_file_choices
from tests.hub.canned_repos import DIFFUSERS, SINGLE, TOKEN
from tests.hub.fake_hub import FakeHub


def test_details_of_a_diffusers_repo(client: HubClient, fake: FakeHub) -> None:
	details = client.model_details(DIFFUSERS)
	repo = fake.repos[DIFFUSERS]
	files = {file.path: file for file in details.files}
	assert set(files) == set(repo.files)
	unet = files['unet/diffusion_pytorch_model.fp16.safetensors']
	body = repo.files[unet.path]
	assert unet.size == len(body) and unet.sha256 == hashlib.sha256(body).hexdigest()
	assert files['unet/config.json'].sha256 is None and files['unet/config.json'].size == len(
		repo.files['unet/config.json']
	)
	assert details.license == 'creativeml-openrail-m' and details.revision == repo.sha
	assert details.model.family is HubFamily.SD1 and 'diffusers:StableDiffusionPipeline' in details.model.tags
	assert details.components == (
		'unet', 'vae', 'text_encoder', 'tokenizer', 'scheduler', 'safety_checker', 'feature_extractor'
	)  # fmt: skip
	assert details.is_diffusers
	assert [file.path for file in single_file_choices(details)] == ['v1-5-pruned-emaonly.safetensors']


def test_the_summary_is_the_cards_first_paragraphs_without_markdown(client: HubClient) -> None:
	summary = client.model_details(DIFFUSERS).summary
	assert summary == (
		'A tiny Stable Diffusion pipeline made for tests, with fp16 and fp32 weights.\n\n'
		'It runs on a CPU in a blink. Second line of the same paragraph.'
	)


def test_sizes_missing_from_the_info_come_from_the_paged_tree(client: HubClient, fake: FakeHub) -> None:
	details = client.model_details(SINGLE)
	checkpoint = next(file for file in details.files if file.path == 'model-xl.safetensors')
	body = fake.repos[SINGLE].files['model-xl.safetensors']
	assert checkpoint.size == len(body) and checkpoint.sha256 == hashlib.sha256(body).hexdigest()
	assert {file.path for file in details.files} == {'README.md', 'model-xl.safetensors', 'model-xl.ckpt'}
	assert len(fake.requests_for('/tree/')) == 2  # three files, pages of two, one `Link: rel="next"`
	assert details.license == 'openrail++' and details.components is None and not details.is_diffusers
	assert details.summary == 'An SDXL checkpoint.'


def test_an_unknown_repo_names_itself_and_hints_at_a_token(client: HubClient) -> None:
	with pytest.raises(HubNotFoundError, match=r'nobody/nothing: not found .* private repo needs a token'):
		client.model_details('nobody/nothing')
	with pytest.raises(HubNotFoundError) as raised:
		client.model_details('nobody/nothing', token=TOKEN)
	assert 'private' not in str(raised.value) and TOKEN not in str(raised.value)


@pytest.mark.parametrize('repo_id', ['../etc', 'owner/name/extra', 'owner/..', 'spaces in/name', ''])
def test_a_malformed_repo_id_is_refused_before_any_request(client: HubClient, fake: FakeHub, repo_id: str) -> None:
	with pytest.raises(HubInvalidIdError, match='owner/name'):
		client.model_details(repo_id)
	assert fake.seen == []


def test_a_server_error_is_a_hub_error_with_its_status(client: HubClient, fake: FakeHub) -> None:
	fake.fail_status = 500
	with pytest.raises(HubServerError, match=f'{DIFFUSERS}: the hub answered HTTP 500') as raised:
		client.model_details(DIFFUSERS)
	assert raised.value.status == 500
	with pytest.raises(HubServerError, match='model search: the hub answered HTTP 500'):
		client.search_models('x')
	fake.fail_status = 429
	with pytest.raises(HubServerError, match='wait a minute') as limited:
		client.search_models('x')
	assert limited.value.status == 429


def test_an_answer_that_is_not_the_hub_api_is_a_clear_error(hub: tuple[FakeHub, str]) -> None:
	fake, endpoint = hub
	not_a_hub = HubClient(allow_network=True, endpoint=f'{endpoint}/cdn', environ={})
	with pytest.raises(HubNotFoundError):
		not_a_hub.search_models('x')
	fake.repos[DIFFUSERS].files['model_index.json'] = b'{not json'
	with pytest.raises(HubServerError, match='model_index.json: the hub answered something that is not JSON'):
		HubClient(allow_network=True, endpoint=endpoint, environ={}).model_details(DIFFUSERS)
