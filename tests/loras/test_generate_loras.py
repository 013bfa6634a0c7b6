"""LoRAs through the real generate use case and pipeline manager: applied by tag, gone without a trace, refused early."""

import numpy as np
import pytest
from PIL import Image

from localai_ui.context import AppContext
from localai_ui.database import crud as database_service
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.loras import LoraIncompatibleError, LoraTagError
from localai_ui.schemas.outputs import RunFinished
from localai_ui.services.png_info.infotext import parse_infotext
from tests.features.generate_helpers import fresh_manager, generate_service, recorded, run_to_end, small_request
from tests.loras.rendering import Pixels, pixel_difference

PROMPT = 'a red apple'


def lora_service(context: AppContext) -> GenerateService:
	return generate_service(context)


def pixels_of(finished: RunFinished) -> Pixels:
	with Image.open(finished.images[0].path) as image:
		return np.asarray(image.convert('RGB'), dtype=np.int16)


def run(service: GenerateService, prompt: str, model: str = 'tiny-sd15') -> tuple[Pixels, RunFinished]:
	_, finished = run_to_end(service, small_request(prompt=prompt, model=model, seed=7))
	assert finished.error is None, finished.error
	return pixels_of(finished), finished


def never_had_a_lora(context: AppContext, model: str = 'tiny-sd15') -> Pixels:
	"""The same request on a fresh manager: a pipeline loaded from disk that no LoRA ever touched."""
	return run(generate_service(context, fresh_manager(context)), PROMPT, model)[0]


def test_a_lora_changes_the_image_and_leaves_no_trace(loras_context: AppContext) -> None:
	service = lora_service(loras_context)
	clean = never_had_a_lora(loras_context)
	with_lora, finished = run(service, f'{PROMPT} <lora:sd1_kohya:1>')
	assert pixel_difference(with_lora, clean) > 10
	assert pixel_difference(run(service, f'{PROMPT}, <lora:sd1_kohya:0>')[0], clean) == 0
	assert pixel_difference(run(service, PROMPT)[0], clean) == 0
	addnet = loras_context.libraries.loras.library.record('sd1_kohya').row.addnet_hash
	parsed = parse_infotext(finished.images[0].infotext)
	assert parsed.prompt == f'{PROMPT} <lora:sd1_kohya:1>'
	assert parsed.params['Lora hashes'] == f'sd1_kohya: {addnet}'
	assert f'Lora hashes: "sd1_kohya: {addnet}"' in finished.images[0].infotext
	with loras_context.database.transaction() as session:
		row = database_service.get_generation(session, generation_id=recorded(finished.generation_id))
	assert row is not None and row.prompt == f'{PROMPT} <lora:sd1_kohya:1>'


def test_two_loras_combine_and_changing_weights_then_none_restores_exactly(loras_context: AppContext) -> None:
	service = lora_service(loras_context)
	clean = never_had_a_lora(loras_context)
	first = run(service, f'{PROMPT} <lora:sd1_kohya:0.8>')[0]
	both, finished = run(service, f'{PROMPT} <lora:sd1_kohya:0.8> <lora:sd1_ldm:-1.5>')
	assert pixel_difference(both, first) > 0
	assert 'sd1_kohya: ' in finished.images[0].infotext and ', sd1_ldm: ' in finished.images[0].infotext
	assert pixel_difference(run(service, f'{PROMPT} <lora:sd1_kohya:2>')[0], first) > 0
	assert pixel_difference(run(service, f'{PROMPT} <lora:sd1_kohya:0.8>')[0], first) == 0
	assert pixel_difference(run(service, PROMPT)[0], clean) == 0


def test_switching_models_and_back_leaves_both_clean(loras_context: AppContext) -> None:
	service = lora_service(loras_context)
	clean_sd1, clean_xl = never_had_a_lora(loras_context), never_had_a_lora(loras_context, 'tiny-sdxl')
	run(service, f'{PROMPT} <lora:sd1_kohya:1>')
	assert pixel_difference(run(service, f'{PROMPT} <lora:sdxl_ldm:1>', 'tiny-sdxl')[0], clean_xl) > 0
	assert pixel_difference(run(service, PROMPT)[0], clean_sd1) == 0
	assert pixel_difference(run(service, PROMPT, 'tiny-sdxl')[0], clean_xl) == 0


def test_a_lora_for_another_architecture_is_refused_before_the_run(loras_context: AppContext) -> None:
	service = lora_service(loras_context)
	request = small_request(prompt=f'{PROMPT} <lora:sd1_kohya:1>', model='tiny-sdxl')
	with pytest.raises(
		LoraIncompatibleError, match=r'"sd1_kohya" is made for SD 1\.x .* the model "tiny-sdxl" is SDXL'
	):
		run_to_end(service, request)
	with pytest.raises(InvalidRequestError, match="'sd1_kohy' is not in .*did you mean sd1_kohya"):
		run_to_end(service, small_request(prompt='<lora:sd1_kohy:1> x'))
	with pytest.raises(LoraTagError, match='cannot be a path'):
		run_to_end(service, small_request(negative_prompt='<lora:../../etc/passwd:1>'))
	with loras_context.database.transaction() as session:
		assert database_service.count_generations(session) == 0
	assert manager_of(loras_context.engine).loaded_model is None


def test_negative_prompt_tags_apply_too(loras_context: AppContext) -> None:
	service = lora_service(loras_context)
	plain = pixels_of(run_to_end(service, small_request(prompt=PROMPT, negative_prompt='blur', seed=7))[1])
	_, finished = run_to_end(service, small_request(prompt=PROMPT, negative_prompt='blur, <lora:sd1_peft:1>', seed=7))
	assert pixel_difference(pixels_of(finished), plain) > 0
	assert 'Lora hashes: "sd1_peft: ' in finished.images[0].infotext
