"""Build the generate use case on a real context and drain it."""

from localai_ui.context import AppContext
from localai_ui.cores.loras.applier import LoraApplier
from localai_ui.cores.loras.state_cache import LoraStateCache
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.engine.build import manager_of
from localai_ui.features.generate.service import GenerateService, RunUpdate
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished


def generate_service(context: AppContext, manager: PipelineManager | None = None) -> GenerateService:
	"""The context's own use case, or the same one driving another manager (a pipeline no run has touched)."""
	if manager is None:
		return context.generate
	return GenerateService(
		manager=manager,
		database=context.database,
		outputs_dir=context.settings.outputs_dir,
		resolver=context.generate.resolver,
	)


def fresh_manager(context: AppContext) -> PipelineManager:
	"""A manager with nothing loaded and its own LoRA applier, on the context's device."""
	return PipelineManager(manager_of(context.engine).plan, LoraApplier(LoraStateCache()))


def small_request(**values: str | int | float) -> GenerationRequest:
	return GenerationRequest.model_validate({'prompt': 'a lighthouse', 'width': 64, 'height': 64, 'steps': 2, **values})


def run_to_end(service: GenerateService, request: GenerationRequest) -> tuple[list[RunUpdate], RunFinished]:
	updates = list(service.run(request, CancelToken()))
	finished = updates[-1]
	assert isinstance(finished, RunFinished)
	return updates, finished


def recorded(generation_id: int | None) -> int:
	"""The history row of a run that got the device (every run these tests finish does)."""
	assert generation_id is not None, 'the run left no history row'
	return generation_id
