"""Generate runs the styled prompts and records the style names and the final text."""

import pytest

from localai_ui.context import AppContext
from localai_ui.database import crud as database_service
from localai_ui.features.generate.service import GenerateService
from localai_ui.features.styles.service import StylesService
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.styles import StyleText
from tests.features.generate_helpers import recorded, run_to_end, small_request


def styled_generate(context: AppContext) -> GenerateService:
	styles = StylesService(database=context.database)
	styles.save_style(StyleText('Frame', 'framed {prompt}', 'cropped'))
	styles.save_style(StyleText('Dusk', 'at dusk', 'noon, {prompt}'))
	return context.generate


def test_two_styles_shape_the_run_the_row_and_the_infotext(context: AppContext) -> None:
	service = styled_generate(context)
	request = small_request(negative_prompt='blurry').model_copy(update={'styles': ('Frame', 'Dusk')})
	_, finished = run_to_end(service, request)
	assert finished.status is RunStatus.COMPLETED
	infotext = finished.images[0].infotext
	assert infotext.startswith('framed a lighthouse, at dusk\nNegative prompt: noon, blurry, cropped\n')
	assert 'Styles: "Frame, Dusk"' in infotext and infotext.count('Styles:') == 1
	with context.database.transaction() as session:
		row = database_service.get_generation(session, generation_id=recorded(finished.generation_id))
	assert row is not None and row.prompt == 'framed a lighthouse, at dusk'
	assert row.negative_prompt == 'noon, blurry, cropped'
	# request_json keeps the request as asked: sending it back to Generate applies the styles once, not twice.
	restored = GenerationRequest.model_validate_json(row.request_json)
	assert restored.styles == ('Frame', 'Dusk') and restored.negative_prompt == 'blurry'
	assert service.resolver.resolve(restored).request.negative_prompt == 'noon, blurry, cropped'


def test_unknown_style_is_refused_before_anything_runs(context: AppContext) -> None:
	service = styled_generate(context)
	request = small_request().model_copy(update={'styles': ('Frame', 'Missing')})
	with pytest.raises(InvalidRequestError, match="Unknown style 'Missing'"):
		run_to_end(service, request)
	with context.database.transaction() as session:
		assert database_service.count_generations(session) == 0
