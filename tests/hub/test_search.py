"""Search: text-to-image only, sorted by downloads or likes, filtered by family; the endpoint comes from HF_ENDPOINT."""

import pytest

from localai_ui.schemas.hub import HubFamily, HubUnreachableError
from localai_ui.services.hub import HubClient
from tests.hub.canned_repos import DIFFUSERS, FLUX, GATED, PICKLED, SINGLE, TEXT_MODEL
from tests.hub.fake_hub import FakeHub


def test_sorted_by_downloads_or_likes_text_to_image_only(client: HubClient, fake: FakeHub) -> None:
	by_downloads = client.search_models(sort='downloads')
	by_likes = client.search_models(sort='likes', limit=2)
	assert [model.id for model in by_downloads] == [DIFFUSERS, GATED, PICKLED, SINGLE, FLUX]
	assert [model.id for model in by_likes] == [SINGLE, PICKLED]
	assert TEXT_MODEL not in [model.id for model in by_downloads]
	sent = fake.requests_for('/api/models?')[-1].path
	assert 'filter=text-to-image' in sent and 'sort=likes' in sent and 'direction=-1' in sent and 'limit=2' in sent


def test_a_hit_says_what_the_results_table_shows(client: HubClient) -> None:
	hits = {model.id: model for model in client.search_models('xl')}
	assert set(hits) == {SINGLE, GATED}
	gated = hits[GATED]
	assert (gated.author, gated.downloads, gated.likes, gated.gated) == ('gatedco', 3000, 50, True)
	assert gated.family is HubFamily.SDXL and gated.pipeline_tag == 'text-to-image'
	assert gated.last_modified is not None and gated.last_modified.year == 2024
	assert hits[SINGLE].family is HubFamily.SDXL and not hits[SINGLE].gated


def test_family_filter_is_sent_as_the_hub_tag(client: HubClient, fake: FakeHub) -> None:
	assert [model.id for model in client.search_models(family=HubFamily.SDXL)] == [GATED]
	assert 'filter=diffusers%3AStableDiffusionXLPipeline' in fake.seen[-1].path
	assert [model.id for model in client.search_models(family=HubFamily.FLUX)] == [FLUX]
	assert [model.id for model in client.search_models(family=HubFamily.SD1)] == [DIFFUSERS, PICKLED]
	assert client.search_models(family=HubFamily.SD2) == []


def test_hf_endpoint_is_honoured_and_an_explicit_endpoint_wins(
	hub: tuple[FakeHub, str], monkeypatch: pytest.MonkeyPatch
) -> None:
	fake, endpoint = hub
	monkeypatch.setenv('HF_ENDPOINT', endpoint + '/')
	from_env = HubClient(allow_network=True)
	assert from_env.endpoint == endpoint
	assert [model.id for model in from_env.search_models('tiny')] == [DIFFUSERS, FLUX]
	explicit = HubClient(allow_network=True, endpoint=endpoint, environ={'HF_ENDPOINT': 'http://127.0.0.1:9'})
	assert explicit.endpoint == endpoint
	assert len(fake.requests_for('/api/models?')) == 1


@pytest.mark.parametrize('url', ['ftp://127.0.0.1/', 'localhost:8080', 'http://127.0.0.1/?x=1'])
def test_an_endpoint_that_is_not_http_is_refused(url: str) -> None:
	with pytest.raises(HubUnreachableError, match='must be an http'):
		HubClient(allow_network=True, endpoint=url)
