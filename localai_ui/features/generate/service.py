"""The generate use case shared by the UI and the API: resolve, run on the device, save, record."""

import secrets
from collections.abc import Callable, Generator, Mapping, Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from localai_ui.cores.pipeline.cancel import CancelToken
from localai_ui.cores.pipeline.manager import PipelineManager
from localai_ui.cores.pipeline.samplers import resolve_schedule
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.generate.image_store import ImageStore
from localai_ui.features.generate.model_choice import ModelChoice
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import MAX_SEED, GenerationRequest
from localai_ui.schemas.loras import LoraResolver, lora_hashes_infotext
from localai_ui.schemas.models import ModelCatalog, ModelInfo
from localai_ui.schemas.outputs import RunFinished, SavedBatch, SavedImage
from localai_ui.schemas.progress import (
	GenerationJob,
	GenerationResult,
	ImagesReady,
	PreviewSettings,
	RunStatus,
	StepUpdate,
)

RunUpdate = StepUpdate | SavedBatch | RunFinished


class RequestStep(Protocol):
	"""A feature's part in resolving a request (styles, LoRAs...): a rewritten request and its infotext extras."""

	def __call__(self, request: GenerationRequest) -> tuple[GenerationRequest, Mapping[str, str]]: ...


def parse_request(values: dict[str, object]) -> GenerationRequest:
	"""Validate raw values into a request; the error message names every bad field."""
	try:
		return GenerationRequest.model_validate(values)
	except ValidationError as error:
		problems = '; '.join(
			f'{".".join(map(str, item["loc"])) or "request"}: {item["msg"]}' for item in error.errors()
		)
		raise InvalidRequestError(f'Invalid request: {problems}') from error


class GenerateService:
	"""Runs requests through the pipeline manager and records every run, however it ends."""

	def __init__(
		self,
		*,
		manager: PipelineManager,
		database: Database,
		models_dir: Path,
		outputs_dir: Path,
		preview: Callable[[], PreviewSettings],
		steps: Sequence[RequestStep] = (),
		catalog: ModelCatalog | None = None,
		loras: LoraResolver | None = None,
	) -> None:
		self._manager = manager
		self._loras = loras
		self.models = ModelChoice(models_dir, catalog)
		self._database = database
		self._store = ImageStore(database, outputs_dir)
		self._preview = preview
		self._steps = tuple(steps)

	@property
	def models_dir(self) -> Path:
		return self.models.models_dir

	def list_models(self) -> list[ModelInfo]:
		return self.models.list_models()

	def preload(self, model: str | None) -> None:
		"""Switch the device to `model` now (under the GPU lock) so the next run starts at once."""
		info = self.models.pick(model or None)
		self._manager.load(info, CancelToken())

	def resolve(self, request: GenerationRequest) -> GenerationJob:
		"""Pick the model (named, else the default), fix the schedule the sampler really uses, draw the seeds."""
		model = self.models.pick(request.model)
		self.models.used(model)
		first = secrets.randbelow(MAX_SEED + 1) if request.seed == -1 else request.seed
		schedule = resolve_schedule(request.sampler, request.schedule)
		asked = request.model_copy(update={'model': model.name, 'schedule': schedule, 'seed': first})
		final, extras = asked, dict[str, str]()
		for step in self._steps:
			final, added = step(final)
			extras.update(added)
		loras = self._loras.resolve(final, model) if self._loras else ()  # refused here: before any row or run
		extras.update({'Lora hashes': lora_hashes_infotext(loras)} if loras else {})
		seeds = tuple(first + offset for offset in range(request.image_count))
		return GenerationJob(final, model, seeds, self._preview(), tuple(extras.items()), asked=asked, loras=loras)

	def run(self, request: GenerationRequest, cancel: CancelToken) -> Generator[RunUpdate]:
		"""Stream step updates and saved batches, then a RunFinished; the row is finished even if the caller leaves."""
		job = self.resolve(request)
		with self._database.transaction() as session:
			generation_id = database_service.create_generation(
				session,
				request=job.request,
				model_name=job.model.name,
				model_hash=job.model.hash,
				seeds=job.seeds,
				started_at=datetime.now(UTC),
				asked=job.asked,
			)
		saved: list[SavedImage] = []
		result: GenerationResult | None = None
		try:
			with closing(self._manager.generate(job, cancel)) as events:
				for event in events:
					if isinstance(event, ImagesReady):
						batch = self._store.save(generation_id, job, event.images)
						saved.extend(batch)
						yield SavedBatch(batch)
					elif isinstance(event, StepUpdate):
						yield event
					else:
						result = event
		finally:
			self._finish(generation_id, job, result, saved)
		assert result is not None
		yield RunFinished(generation_id, result.status, tuple(saved), job.seeds, result.error, result.it_per_s)

	def _finish(
		self, generation_id: int, job: GenerationJob, result: GenerationResult | None, saved: list[SavedImage]
	) -> None:
		status = result.status if result else RunStatus.INTERRUPTED
		infotext = saved[0].infotext if saved else self._store.infotext(job, job.seeds[0])
		with self._database.transaction() as session:
			database_service.finish_generation(
				session,
				generation_id=generation_id,
				status=status,
				finished_at=datetime.now(UTC),
				it_per_s=result.it_per_s if result else None,
				error=result.error if result else None,
				infotext=infotext,
			)
