"""Token counters, the embeddings picker, model preloading and the request kept for Send to Generate."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from localai_ui.context import AppContext, build_context
from localai_ui.cores.prompts.lora_tags import insert_lora_tag, insert_words
from localai_ui.database import crud as database_service
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.loras import LibraryLoras
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.resolve import JobResolver
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.assets import Family
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.settings import Settings
from tests.features.generate_helpers import generate_service, recorded, run_to_end, small_request
from tests.prompts.helpers import write_embedding


@pytest.fixture
def embeddings_context(settings: Settings, tmp_path: Path) -> Iterator[AppContext]:
	folder = tmp_path / 'embeddings'
	folder.mkdir()
	write_embedding(folder / 'shiny.safetensors', {'emb_params': torch.zeros(2, 32)})
	(folder / 'broken.safetensors').write_bytes(b'nope')
	built = build_context(replace(settings, embeddings_dir=folder))
	yield built
	built.close()


def test_token_label_counts_like_a1111(context: AppContext) -> None:
	tools = context.prompt_tools
	assert tools.token_label('a cat', None) == '4/75'
	assert tools.token_label('x' * 100, 'tiny-sdxl') == '100/150'
	assert tools.token_label('(a cat:1.3)', None) == '4/75'


def test_token_label_is_empty_without_a_model(settings: Settings, tmp_path: Path) -> None:
	empty = build_context(replace(settings, models_dir=tmp_path / 'none'))
	try:
		assert empty.prompt_tools.token_label('a cat', None) == ''
	finally:
		empty.close()


def test_embeddings_are_listed_and_bad_files_explained(embeddings_context: AppContext) -> None:
	tools: PromptTools = embeddings_context.prompt_tools
	assert tools.embedding_names() == ['shiny']
	assert 'broken.safetensors' in tools.embedding_notes()
	assert tools.token_label('shiny cat', None) == '5/75'


@pytest.mark.parametrize(
	('text', 'words', 'expected'),
	[
		('a cat', ['shiny'], 'a cat, shiny'),
		('', ['shiny'], 'shiny'),
		('a cat  ', [], 'a cat'),
		('a shiny cat', ['shiny', 'red apple'], 'a shiny cat, red apple'),
	],
)
def test_insert_words_adds_only_what_is_missing(text: str, words: list[str], expected: str) -> None:
	assert insert_words(text, words) == expected


def test_a_lora_picked_twice_changes_its_weight_instead_of_adding_a_tag() -> None:
	assert insert_lora_tag('', 'ink', 1.0) == '<lora:ink:1>'
	assert insert_lora_tag('a cat, ', 'ink', -0.75) == 'a cat, <lora:ink:-0.75>'
	once = insert_lora_tag('a cat', 'ink', 0.123)
	assert once == 'a cat <lora:ink:0.12>'
	assert insert_lora_tag(once, 'ink', 0.5) == 'a cat <lora:ink:0.5>'
	assert insert_lora_tag('a <lora:inkwell:1>', 'ink', 1) == 'a <lora:inkwell:1> <lora:ink:1>'


def test_preload_switches_the_device_to_the_chosen_model(context: AppContext) -> None:
	service = generate_service(context)
	service.preload('tiny-sdxl')
	loaded = manager_of(context.engine).loaded_model
	assert loaded is not None and loaded.family is Family.SDXL


def test_the_request_as_asked_is_kept_for_send_to_generate(context: AppContext) -> None:
	def add_style(request: GenerationRequest) -> tuple[GenerationRequest, dict[str, str]]:
		return request.model_copy(update={'prompt': f'{request.prompt}, oil painting'}), {}

	base = context.generate.resolver
	resolver = JobResolver(
		catalog=base.catalog,
		loras=LibraryLoras(context.libraries.loras.library, context.libraries.hasher),
		embeddings=context.libraries.embeddings.library,
		inputs=base.inputs,
		preview=context.preferences.current_preview,
		steps=[add_style],
	)
	service = GenerateService(
		manager=manager_of(context.engine),
		database=context.database,
		outputs_dir=context.settings.outputs_dir,
		resolver=resolver,
	)
	_, finished = run_to_end(service, small_request(prompt='a barn', seed=3))
	with context.database.transaction() as session:
		record = database_service.get_generation(session, generation_id=recorded(finished.generation_id))
	assert record is not None and record.prompt == 'a barn, oil painting'
	asked = GenerationRequest.model_validate_json(record.request_json)
	assert (asked.prompt, asked.seed, asked.model) == ('a barn', 3, 'tiny-sd15')
	assert finished.images[0].infotext.startswith('a barn, oil painting\n')
