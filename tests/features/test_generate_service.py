"""The generate use case: resolve the request, run it, save PNGs with infotext, record the run."""

from dataclasses import replace
from pathlib import Path

import pytest
import torch

from localai_ui.context import AppContext, build_context
from localai_ui.cores.loading.device import DevicePlan
from localai_ui.cores.loading.loader import LoadedModel, load_model
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.database import crud as database_service
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.resolve import parse_request
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.errors import InvalidRequestError, NoModelError
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.outputs import SavedBatch
from localai_ui.schemas.progress import RunStatus, StepUpdate
from localai_ui.services.png_info.infotext import parse_infotext
from localai_ui.services.png_info.png_parameters import read_parameters
from localai_ui.settings import Settings
from tests.features.generate_helpers import generate_service, recorded, run_to_end, small_request


def test_a_run_saves_pngs_and_records_everything(context: AppContext) -> None:
	service = generate_service(context)
	request = small_request(seed=5, batch_size=2, negative_prompt='fog', sampler='DPM++ 2M Karras')
	updates, finished = run_to_end(service, request)
	assert finished.status is RunStatus.COMPLETED
	assert any(isinstance(update, StepUpdate) for update in updates)
	assert [image.seed for image in finished.images] == [5, 6] == list(finished.seeds)
	outputs = context.settings.outputs_dir
	for image in finished.images:
		assert image.path.is_file() and image.path.parent.parent == outputs
		assert read_parameters(image.path) == image.infotext
	parsed = parse_infotext(finished.images[1].infotext)
	assert parsed.prompt == 'a lighthouse' and parsed.negative_prompt == 'fog'
	assert parsed.params['Seed'] == '6'
	assert parsed.params['Sampler'] == 'DPM++ 2M' and parsed.params['Schedule type'] == 'Karras'
	assert parsed.params['Model'] == 'tiny-sd15' and parsed.params['Size'] == '64x64'
	with context.database.transaction() as session:
		record = database_service.get_generation(session, generation_id=recorded(finished.generation_id))
		images = database_service.list_images(session, generation_id=recorded(finished.generation_id))
	assert record is not None and record.status is RunStatus.COMPLETED
	assert record.seeds == (5, 6) and record.model_name == 'tiny-sd15' and record.schedule == 'Karras'
	assert record.infotext == finished.images[0].infotext
	assert record.it_per_s is not None and record.finished_at is not None
	assert [outputs / row.path for row in images] == [image.path for image in finished.images]


def test_random_seed_is_drawn_once_and_recorded(context: AppContext) -> None:
	_, finished = run_to_end(generate_service(context), small_request(seed=-1, batch_size=2))
	first, second = finished.seeds
	assert 0 <= first < 2**32 and second == first + 1


def test_named_model_and_default_model(context: AppContext) -> None:
	service = generate_service(context)
	assert [model.name for model in service.catalog.list_models()] == ['tiny-sd15', 'tiny-sdxl']
	assert service.resolver.resolve(small_request()).model.name == 'tiny-sd15'
	_, finished = run_to_end(service, small_request(model='tiny-sdxl'))
	assert parse_infotext(finished.images[0].infotext).params['Model'] == 'tiny-sdxl'


def test_unknown_model_names_what_is_available(context: AppContext) -> None:
	with pytest.raises(NoModelError, match="'nope' is not in .*available: tiny-sd15, tiny-sdxl"):
		generate_service(context).resolver.resolve(small_request(model='nope'))


def test_no_model_says_where_to_put_one(settings: Settings, tmp_path: Path) -> None:
	empty = build_context(replace(settings, models_dir=tmp_path / 'no-models'))
	try:
		with pytest.raises(NoModelError, match='No model found. Put a checkpoint'):
			list(generate_service(empty).run(small_request(), CancelToken()))
	finally:
		empty.close()


def test_stopping_keeps_finished_images_and_records_interrupted(context: AppContext) -> None:
	service = generate_service(context)
	updates = service.run(small_request(steps=20, batch_count=3), CancelToken())
	for update in updates:
		if isinstance(update, SavedBatch):
			break
	updates.close()
	with context.database.transaction() as session:
		generation_id = database_service.count_generations(session)
		record = database_service.get_generation(session, generation_id=generation_id)
		images = database_service.list_images(session, generation_id=generation_id)
	assert record is not None and record.status is RunStatus.INTERRUPTED
	assert len(images) == 1 and (context.settings.outputs_dir / images[0].path).is_file()
	assert not manager_of(context.engine).busy


def _explode(_module: torch.nn.Module, _args: tuple[object, ...]) -> None:
	raise RuntimeError('the GPU caught fire')


def _exploding_loader(info: ModelInfo, plan: DevicePlan) -> LoadedModel:
	loaded = load_model(info, plan)
	loaded.pipeline.unet.register_forward_pre_hook(_explode)
	return loaded


def test_a_failed_run_is_recorded_with_its_message(context: AppContext) -> None:
	manager = PipelineManager(
		manager_of(context.engine).plan, manager_of(context.engine).loras, loader=_exploding_loader
	)
	service = generate_service(context, manager)
	_, finished = run_to_end(service, small_request())
	assert finished.status is RunStatus.FAILED and finished.error == 'RuntimeError: the GPU caught fire'
	with context.database.transaction() as session:
		record = database_service.get_generation(session, generation_id=recorded(finished.generation_id))
	assert record is not None and record.status is RunStatus.FAILED and record.error == finished.error


@pytest.mark.parametrize(
	('values', 'message'),
	[
		({'width': 500}, r'width: Value error, 500 px: width and height must be multiples of 8'),
		({'steps': 0}, r'steps: Value error, steps takes a whole number from 1 to 150; got 0'),
		({'sampler': 'Bogus'}, r"unknown sampler 'Bogus'"),
	],
)
def test_bad_values_give_a_clear_message(values: dict[str, object], message: str) -> None:
	with pytest.raises(InvalidRequestError, match=message):
		parse_request({'prompt': 'x', **values})
