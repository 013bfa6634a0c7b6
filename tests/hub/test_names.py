"""Pure helpers: family guesses, card summaries, weight file names, a component with no PyTorch weights."""

import pytest

from localai_ui.schemas.hub import HubDetails, HubFamily, HubFile, HubModel, HubPickleOnlyError, HubPlanError
from localai_ui.services.hub import guess_family, plan_repo_download
from localai_ui.services.hub.card_summary import card_summary
from localai_ui.services.hub.weight_names import name_kind, plain_name


@pytest.mark.parametrize(
	('repo_id', 'tags', 'family'),
	[
		('a/b', ['stable-diffusion', 'diffusers:StableDiffusionXLPipeline'], HubFamily.SDXL),
		('a/b', ['base_model:stabilityai/stable-diffusion-2-1'], HubFamily.SD2),
		('a/b', ['diffusers:StableDiffusionPipeline'], HubFamily.SD1),
		('a/b', ['diffusers:FluxPipeline', 'stable-diffusion'], HubFamily.FLUX),
		('someone/my-sdxl-merge', ['safetensors'], HubFamily.SDXL),
		('someone/sd3-medium-tune', [], HubFamily.SD3),
		('someone/pixel-art', ['lora'], HubFamily.OTHER),
	],
)
def test_family_guess(repo_id: str, tags: list[str], family: HubFamily) -> None:
	assert guess_family(repo_id, tags) is family


def test_card_summary_edges() -> None:
	assert card_summary('---\nlicense: mit\nno closing fence') == ''
	assert card_summary('\ufeffPlain *first* line.\n\n- a list item\n> a quote\n\nthird') == (
		'Plain first line.\n\na list item a quote'
	)
	long = card_summary('word ' * 400, max_chars=50)
	assert len(long) == 50 and long.endswith('…')
	assert card_summary('<p align="center"><img src="x"></p>\n\n---\n\nText <b>bold</b>.') == 'Text bold.'


@pytest.mark.parametrize(
	('name', 'kind', 'variant', 'saved'),
	[
		('diffusion_pytorch_model.fp16.safetensors', 'weights', 'fp16', 'diffusion_pytorch_model.safetensors'),
		('model-00001-of-00002.fp16.safetensors', 'weights', 'fp16', 'model-00001-of-00002.fp16.safetensors'),
		('model.safetensors.fp16.index.json', 'index', 'fp16', 'model.safetensors.index.json'),
		('pytorch_model.bin.index.json', 'pickle', None, 'pytorch_model.bin.index.json'),
		('openvino_model.bin', 'foreign', None, 'openvino_model.bin'),
		('model.fp16.ema.safetensors', 'other', None, 'model.fp16.ema.safetensors'),
		('spiece.model', 'config', None, 'spiece.model'),
		('sample.png', 'other', None, 'sample.png'),
	],
)
def test_weight_names(name: str, kind: str, variant: str | None, saved: str) -> None:
	named = name_kind(name)
	assert (named.kind, named.variant, plain_name(name, named)) == (kind, variant, saved)


def test_a_component_with_only_flax_weights_is_refused() -> None:
	model = HubModel('a/flaxy', 'a', 0, 0, (), None, HubFamily.OTHER, False, None)
	files = (HubFile('model_index.json', 9, None), HubFile('unet/config.json', 9, None))
	flax = HubFile('unet/diffusion_flax_model.msgpack', 9, None)
	details = HubDetails(model, (*files, flax), None, '', 'main', ('unet',))
	with pytest.raises(HubPlanError, match='exist only for another framework') as raised:
		plan_repo_download(details, 'fp16')
	assert not isinstance(raised.value, HubPickleOnlyError)
