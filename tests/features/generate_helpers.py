"""Build the generate use case on a real context and drain it."""

from localai_ui.context import AppContext
from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.features.generate.service import GenerateService, RunUpdate
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished


def generate_service(context: AppContext, manager: PipelineManager | None = None) -> GenerateService:
	settings = context.settings
	return GenerateService(
		manager=manager or context.manager,
		database=context.database,
		models_dir=settings.models_dir,
		outputs_dir=settings.outputs_dir,
		preview=context.preferences.current_preview,
	)


def small_request(**values: str | int | float) -> GenerationRequest:
	return GenerationRequest.model_validate({'prompt': 'a lighthouse', 'width': 64, 'height': 64, 'steps': 2, **values})


def run_to_end(service: GenerateService, request: GenerationRequest) -> tuple[list[RunUpdate], RunFinished]:
	updates = list(service.run(request, CancelToken()))
	finished = updates[-1]
	assert isinstance(finished, RunFinished)
	return updates, finished
