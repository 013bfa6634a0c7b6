"""Token counters, the embeddings picker, model preloading and the request kept for Send to Generate."""

from pathlib import Path

import pytest
import torch

from localai_ui.context import AppContext
from localai_ui.cores.prompts.counter import TokenCounter
from localai_ui.cores.prompts.library import EmbeddingLibrary
from localai_ui.database import crud as database_service
from localai_ui.features.generate.model_choice import ModelChoice
from localai_ui.features.generate.prompt_tools import PromptTools
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.generate.ui_prompt_tools import append_word
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.models import Architecture
from tests.features.generate_helpers import generate_service, run_to_end, small_request
from tests.prompts.helpers import write_embedding


def tools_for(models_dir: Path, embeddings_dir: Path) -> PromptTools:
	return PromptTools(ModelChoice(models_dir), TokenCounter(), EmbeddingLibrary(embeddings_dir))


def test_token_label_counts_like_a1111(tiny_models_dir: Path, tmp_path: Path) -> None:
	tools = tools_for(tiny_models_dir, tmp_path)
	assert tools.token_label('a cat', None) == '4/75'
	assert tools.token_label('x' * 100, 'tiny-sdxl') == '100/150'
	assert tools.token_label('(a cat:1.3)', None) == '4/75'


def test_token_label_is_empty_without_a_model(tmp_path: Path) -> None:
	assert tools_for(tmp_path / 'none', tmp_path).token_label('a cat', None) == ''


def test_embeddings_are_listed_and_bad_files_explained(tiny_models_dir: Path, tmp_path: Path) -> None:
	write_embedding(tmp_path / 'shiny.safetensors', {'emb_params': torch.zeros(2, 32)})
	(tmp_path / 'broken.safetensors').write_bytes(b'nope')
	tools = tools_for(tiny_models_dir, tmp_path)
	assert tools.embedding_names() == ['shiny']
	assert 'broken.safetensors' in tools.embedding_notes()
	assert tools.token_label('shiny cat', None) == '5/75'


@pytest.mark.parametrize(
	('text', 'word', 'expected'),
	[('a cat', 'shiny', 'a cat, shiny'), ('', 'shiny', 'shiny'), ('a cat  ', None, 'a cat'), (None, 'x', 'x')],
)
def test_append_word(text: str | None, word: str | None, expected: str) -> None:
	assert append_word(text, word) == expected


def test_preload_switches_the_device_to_the_chosen_model(context: AppContext) -> None:
	service = generate_service(context)
	service.preload('tiny-sdxl')
	loaded = context.manager.loaded_model
	assert loaded is not None and loaded.architecture is Architecture.SDXL


def test_the_request_as_asked_is_kept_for_send_to_generate(context: AppContext) -> None:
	def add_style(request: GenerationRequest) -> tuple[GenerationRequest, dict[str, str]]:
		return request.model_copy(update={'prompt': f'{request.prompt}, oil painting'}), {}

	service = GenerateService(
		manager=context.manager,
		database=context.database,
		models_dir=context.settings.models_dir,
		outputs_dir=context.settings.outputs_dir,
		preview=context.preferences.current_preview,
		steps=[add_style],
	)
	_, finished = run_to_end(service, small_request(prompt='a barn', seed=3))
	with context.database.transaction() as session:
		record = database_service.get_generation(session, generation_id=finished.generation_id)
	assert record is not None and record.prompt == 'a barn, oil painting'
	asked = GenerationRequest.model_validate_json(record.request_json)
	assert (asked.prompt, asked.seed, asked.model) == ('a barn', 3, 'tiny-sd15')
	assert finished.images[0].infotext.startswith('a barn, oil painting\n')
