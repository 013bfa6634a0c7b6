"""An API run through the Generate use case itself: the pipeline manager's line and GPU lock, the images saved with
their infotext, the History row; /progress follows it and /interrupt stops it. The answer is read back from what was
saved, so the client gets the very files History shows."""

from pydantic import JsonValue

from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.generate.service import GenerateService
from localai_ui.schemas.errors import GenerationError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.outputs import RunFinished
from localai_ui.schemas.progress import RunStatus
from localai_ui.schemas.records import GenerationRecord
from localai_ui.sdapi.errors import answered, run_failed
from localai_ui.sdapi.images import file_base64
from localai_ui.sdapi.info import run_info
from localai_ui.sdapi.progress import ProgressBoard
from localai_ui.sdapi.responses import ImagesResponse


class ApiRunner:
	"""Runs requests for the API routes; a run stopped by /interrupt still answers with the images it made."""

	def __init__(self, service: GenerateService, board: ProgressBoard, database: Database) -> None:
		self._service = service
		self._board = board
		self._database = database

	def run(
		self, request: GenerationRequest, job: str, *, send_images: bool, parameters: dict[str, JsonValue]
	) -> ImagesResponse:
		with self._board.track(job, request.batch_count) as entry:
			finished: RunFinished | None = None
			with answered():
				for update in self._service.run(request, entry.cancel):
					self._board.update(entry, update)
					if isinstance(update, RunFinished):
						finished = update
			timestamp = entry.timestamp
		if finished is None:
			raise run_failed(GenerationError('the run ended without a result'))
		if finished.status is RunStatus.FAILED:
			raise run_failed(GenerationError(finished.error or 'the run failed'))
		record = self._record(finished.generation_id)
		info = run_info(request, finished, record, job_timestamp=timestamp, inpainting_model=self._inpainting(record))
		images = [file_base64(image.path) for image in finished.images] if send_images else []
		return ImagesResponse(images=images, parameters=parameters, info=info)

	def _record(self, generation_id: int | None) -> GenerationRecord | None:
		if generation_id is None:
			return None
		with self._database.transaction() as session:
			return database_service.get_generation(session, generation_id=generation_id)

	def _inpainting(self, record: GenerationRecord | None) -> bool:
		if record is None:
			return False
		found = self._service.catalog.checkpoints.find(record.model_name)
		return bool(found and found.details and found.details.inpainting)
