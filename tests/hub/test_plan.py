"""Download plans: only what a pipeline loads (fp16 when asked, never pickles, EMA or other frameworks)."""

import pytest

from localai_ui.schemas.hub import HubGatedError, HubNotFoundError, HubPickleOnlyError, HubPlanError
from localai_ui.services.hub import (
	SKIP_CHECKPOINT,
	SKIP_EMA,
	SKIP_FOREIGN,
	SKIP_FP16,
	SKIP_FULL,
	SKIP_NOT_COMPONENT,
	SKIP_PICKLE,
	SKIP_SAFETY_CHECKER,
	SKIP_UNUSED,
	HubClient,
	plan_repo_download,
	plan_single_file,
)
from tests.hub.canned_repos import DIFFUSERS, GATED, PICKLED, SINGLE

CONFIGS = [
	'unet/config.json',
	'vae/config.json',
	'text_encoder/config.json',
	'tokenizer/vocab.json',
	'tokenizer/merges.txt',
	'tokenizer/tokenizer_config.json',
	'scheduler/scheduler_config.json',
	'feature_extractor/preprocessor_config.json',
]


def test_the_fp16_plan_takes_each_components_fp16_safetensors_under_the_plain_name(client: HubClient) -> None:
	plan = plan_repo_download(client.model_details(DIFFUSERS), 'fp16')
	saved = {file.path: file.save_as for file in plan.files}
	assert saved == {path: path for path in CONFIGS} | {
		'unet/diffusion_pytorch_model.fp16.safetensors': 'unet/diffusion_pytorch_model.safetensors',
		'vae/diffusion_pytorch_model.fp16.safetensors': 'vae/diffusion_pytorch_model.safetensors',
		'text_encoder/model.fp16-00001-of-00002.safetensors': 'text_encoder/model.fp16-00001-of-00002.safetensors',
		'text_encoder/model.fp16-00002-of-00002.safetensors': 'text_encoder/model.fp16-00002-of-00002.safetensors',
		'text_encoder/model.safetensors.index.fp16.json': 'text_encoder/model.safetensors.index.json',
		'model_index.json': 'model_index.json',
	}
	assert plan.files[-1].path == 'model_index.json' and plan.revision != 'main'
	assert all(file.sha256 for file in plan.files if file.path.endswith('.safetensors'))
	reasons = {file.path: file.reason for file in plan.skipped}
	assert reasons == {
		'.gitattributes': SKIP_UNUSED,
		'README.md': SKIP_UNUSED,
		'unet/diffusion_pytorch_model.safetensors': SKIP_FULL,
		'unet/diffusion_pytorch_model.non_ema.safetensors': SKIP_EMA,
		'unet/diffusion_pytorch_model.bin': SKIP_PICKLE,
		'unet/diffusion_pytorch_model.fp16.bin': SKIP_PICKLE,
		'unet/diffusion_flax_model.msgpack': SKIP_FOREIGN,
		'vae/diffusion_pytorch_model.safetensors': SKIP_FULL,
		'vae/diffusion_pytorch_model.ema.safetensors': SKIP_EMA,
		'text_encoder/model.safetensors': SKIP_FULL,
		'text_encoder/pytorch_model.bin': SKIP_PICKLE,
		'safety_checker/config.json': SKIP_SAFETY_CHECKER,
		'safety_checker/model.safetensors': SKIP_SAFETY_CHECKER,
		'onnx/unet/model.onnx': SKIP_FOREIGN,
		'image_encoder/config.json': SKIP_NOT_COMPONENT,
		'v1-5-pruned-emaonly.safetensors': SKIP_CHECKPOINT,
		'v1-5-pruned.ckpt': SKIP_PICKLE,
	}
	assert plan.total_size == sum(file.size or 0 for file in plan.files)


def test_the_full_precision_plan_takes_the_plain_weights(client: HubClient) -> None:
	plan = plan_repo_download(client.model_details(DIFFUSERS), None)
	weights = sorted(file.path for file in plan.files if file.path.endswith('.safetensors'))
	assert weights == [
		'text_encoder/model.safetensors',
		'unet/diffusion_pytorch_model.safetensors',
		'vae/diffusion_pytorch_model.safetensors',
	]
	reasons = {file.path: file.reason for file in plan.skipped}
	assert reasons['unet/diffusion_pytorch_model.fp16.safetensors'] == SKIP_FP16
	assert reasons['text_encoder/model.safetensors.index.fp16.json'] == SKIP_FP16


def test_leaving_out_nothing_keeps_the_safety_checker(client: HubClient) -> None:
	plan = plan_repo_download(client.model_details(DIFFUSERS), 'fp16', leave_out=())
	assert 'safety_checker/model.safetensors' in [file.path for file in plan.files]
	assert ('onnx/unet/model.onnx', SKIP_FOREIGN) in [(file.path, file.reason) for file in plan.skipped]


def test_a_repo_whose_unet_is_only_a_pickle_is_refused(client: HubClient) -> None:
	with pytest.raises(HubPickleOnlyError, match=r'old/pickle-only: the unet weights exist only as pickle files'):
		plan_repo_download(client.model_details(PICKLED), 'fp16')


def test_a_repo_without_model_index_points_at_its_single_files(client: HubClient) -> None:
	details = client.model_details(SINGLE)
	with pytest.raises(HubPlanError, match=r'not a diffusers repo .*found: model-xl\.safetensors'):
		plan_repo_download(details, None)
	plan = plan_single_file(details, 'model-xl.safetensors')
	assert [(file.path, file.save_as) for file in plan.files] == [('model-xl.safetensors', 'model-xl.safetensors')]
	with pytest.raises(HubPickleOnlyError, match='model-xl.ckpt: pickle'):
		plan_single_file(details, 'model-xl.ckpt')
	with pytest.raises(HubPlanError, match='README.md: only .safetensors'):
		plan_single_file(details, 'README.md')
	with pytest.raises(HubNotFoundError, match='no file'):
		plan_single_file(details, 'other.safetensors')


def test_a_gated_repo_shows_its_details_but_plans_only_with_a_token(client: HubClient) -> None:
	details = client.model_details(GATED)
	assert details.model.gated and details.components is None and details.summary == 'Accept the conditions first.'
	with pytest.raises(HubGatedError, match='give a token'):
		plan_repo_download(details, 'fp16')


def test_a_component_can_be_left_out_by_name(client: HubClient) -> None:
	details = client.model_details(DIFFUSERS)
	plan = plan_repo_download(details, 'fp16', leave_out=('safety_checker', 'feature_extractor'))
	skipped = {file.path: file.reason for file in plan.skipped}
	assert skipped['feature_extractor/preprocessor_config.json'] == 'feature_extractor: left out as asked'
	assert not any(file.path.startswith('feature_extractor/') for file in plan.files)
