"""The generate use case shared by the UI and the API: resolve, run on the device, save, record."""

from collections.abc import Generator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.generate.image_store import ImageStore
from localai_ui.features.generate.resolve import JobResolver
from localai_ui.library.catalog import ModelCatalog
from localai_ui.schemas.cancel import CancelToken
from localai_ui.schemas.disk_full import DiskFullError
from localai_ui.schemas.engine import DeviceLine
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished, SavedBatch, SavedImage
from localai_ui.schemas.progress import (
	GenerationJob,
	GenerationResult,
	ImagesReady,
	ModelLoading,
	RunStatus,
	Started,
	StepUpdate,
	Waiting,
)

RunUpdate = Waiting | ModelLoading | StepUpdate | SavedBatch | RunFinished


class GenerateService:
	"""Runs requests through the pipeline manager and records every run, however it ends."""

	def __init__(self, *, manager: DeviceLine, database: Database, outputs_dir: Path, resolver: JobResolver) -> None:
		self._manager = manager
		self._database = database
		self._store = ImageStore(database, outputs_dir)
		self.resolver = resolver

	@property
	def catalog(self) -> ModelCatalog:
		return self.resolver.catalog

	def preload(self, model: str | None) -> None:
		"""Switch the device to `model` now (under the GPU lock) so the next run starts at once."""
		self._manager.load(self.catalog.pick(model or None), CancelToken())

	def run(self, request: GenerationRequest, cancel: CancelToken) -> Generator[RunUpdate]:
		"""Stream waiting notes, step updates and saved batches, then a RunFinished.

		The history row is written when the run gets the device and finished however the run ends, even if the
		caller leaves; a run stopped while it waited leaves no row (it never ran).
		"""
		job = self._store.checked(self.resolver.resolve(request))
		generation_id: int | None = None
		saved: list[SavedImage] = []
		result: GenerationResult | None = None
		full: str | None = None  # a full disk (outputs or data folder) ends the run as failed, saying so
		try:
			with closing(self._manager.generate(job, cancel)) as events:
				for event in events:
					if isinstance(event, Started):
						generation_id = self._start(job, event.at)
					elif isinstance(event, ImagesReady):
						batch = self._store.save(self._recorded(generation_id), job, event.images)
						saved.extend(batch)
						yield SavedBatch(batch)
					elif isinstance(event, GenerationResult):
						result = event
					else:
						yield event
		except DiskFullError as error:
			full = str(error)
		finally:
			if generation_id is not None:
				try:
					self._finish(generation_id, job, result, saved, full)
				except DiskFullError as error:
					full = full or str(error)
		if full is not None:
			yield RunFinished(generation_id, RunStatus.FAILED, tuple(saved), job.seeds, full, None)
			return
		assert result is not None
		yield RunFinished(
			generation_id, result.status, tuple(saved), job.seeds, result.error, result.it_per_s, result.lighter_mode
		)

	def _start(self, job: GenerationJob, at: datetime) -> int:
		with self._database.transaction() as session:
			return database_service.create_generation(
				session,
				request=job.request,
				model_name=job.model.name,
				model_hash=job.model.hash,
				seeds=job.seeds,
				started_at=at,
				asked=job.asked,
			)

	@staticmethod
	def _recorded(generation_id: int | None) -> int:
		if generation_id is None:
			raise RuntimeError('images arrived before the run was recorded')
		return generation_id

	def _finish(
		self,
		generation_id: int,
		job: GenerationJob,
		result: GenerationResult | None,
		saved: list[SavedImage],
		failure: str | None,
	) -> None:
		status = RunStatus.FAILED if failure else result.status if result else RunStatus.INTERRUPTED
		infotext = saved[0].infotext if saved else self._store.infotext(job, job.seeds[0])
		with self._database.transaction() as session:
			database_service.finish_generation(
				session,
				generation_id=generation_id,
				status=status,
				finished_at=datetime.now(UTC),
				it_per_s=result.it_per_s if result else None,
				error=failure or (result.error if result else None),
				infotext=infotext,
			)
