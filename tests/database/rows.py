"""Row makers shared by the CRUD tests."""

from datetime import UTC, datetime

from localai_ui.database import Database
from localai_ui.database import crud as database_service
from localai_ui.schemas.generation import GenerationRequest

STARTED = datetime(2026, 11, 26, 18, 0, 0, 123456, tzinfo=UTC)


def create_generation(database: Database, request: GenerationRequest, seeds: tuple[int, ...] = (41, 42)) -> int:
	with database.transaction() as session:
		return database_service.create_generation(
			session, request=request, model_name='fox-v1', model_hash='abc1234567', seeds=seeds, started_at=STARTED
		)


def add_image(database: Database, generation_id: int, path: str, index: int = 0) -> int:
	with database.transaction() as session:
		return database_service.add_image(
			session,
			generation_id=generation_id,
			path=path,
			seed=41 + index,
			index=index,
			width=640,
			height=384,
			created_at=STARTED,
		)
