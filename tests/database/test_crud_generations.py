"""Generation rows: typed records out, timestamps in UTC, damaged rows reported as DatabaseError."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from localai_ui.database import Database, DatabaseError, RecordNotFoundError
from localai_ui.database import crud as database_service
from localai_ui.database.tables.generations import GenerationRow
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import RunStatus
from tests.database.rows import STARTED, create_generation


def test_created_generation_reads_back_as_running(database: Database, generation_request: GenerationRequest) -> None:
	generation_id = create_generation(database, generation_request)
	with database.transaction() as session:
		record = database_service.get_generation(session, generation_id=generation_id)
	assert record is not None
	assert (record.status, record.prompt, record.negative_prompt) == (
		RunStatus.RUNNING,
		'a red fox, snow\nwide shot',
		'blurry',
	)
	assert (record.sampler, record.schedule, record.steps, record.cfg_scale) == ('DPM++ 2M', 'Karras', 12, 6.5)
	assert (record.width, record.height, record.batch_count, record.batch_size) == (640, 384, 2, 1)
	assert (record.seed, record.seeds, record.model_name, record.model_hash) == (41, (41, 42), 'fox-v1', 'abc1234567')
	assert GenerationRequest.model_validate_json(record.request_json) == generation_request
	assert record.started_at == STARTED and record.started_at.tzinfo is UTC
	assert (record.finished_at, record.it_per_s, record.error, record.infotext) == (None, None, None, '')


def test_finish_generation_stores_the_outcome(database: Database, generation_request: GenerationRequest) -> None:
	generation_id = create_generation(database, generation_request)
	finished = datetime(2026, 11, 26, 20, 0, tzinfo=timezone(timedelta(hours=2)))
	with database.transaction() as session:
		database_service.finish_generation(
			session,
			generation_id=generation_id,
			status=RunStatus.FAILED,
			finished_at=finished,
			it_per_s=3.25,
			error='CUDA out of memory',
			infotext='a red fox\nSteps: 12, Sampler: DPM++ 2M, Seed: 41',
		)
	with database.transaction() as session:
		record = database_service.get_generation(session, generation_id=generation_id)
	assert record is not None
	assert (record.status, record.it_per_s, record.error) == (RunStatus.FAILED, 3.25, 'CUDA out of memory')
	assert record.finished_at == datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
	assert record.infotext.endswith('Seed: 41')


def test_finishing_an_unknown_generation_raises(database: Database) -> None:
	with pytest.raises(RecordNotFoundError, match='generation 99'), database.transaction() as session:
		database_service.finish_generation(
			session,
			generation_id=99,
			status=RunStatus.COMPLETED,
			finished_at=STARTED,
			it_per_s=None,
			error=None,
			infotext='',
		)


def test_missing_generation_is_none_and_count_tracks_rows(
	database: Database, generation_request: GenerationRequest
) -> None:
	with database.transaction() as session:
		assert database_service.get_generation(session, generation_id=1) is None
		assert database_service.count_generations(session) == 0
	create_generation(database, generation_request)
	create_generation(database, generation_request)
	with database.transaction() as session:
		assert database_service.count_generations(session) == 2


def test_naive_timestamps_are_refused(database: Database, generation_request: GenerationRequest) -> None:
	with pytest.raises(DatabaseError, match='timezone-aware'), database.transaction() as session:
		database_service.create_generation(
			session,
			request=generation_request,
			model_name='m',
			model_hash=None,
			seeds=[1],
			started_at=datetime(2026, 1, 1),
		)


def test_generation_needs_seeds(database: Database, generation_request: GenerationRequest) -> None:
	with pytest.raises(ValueError, match='resolved seeds'):
		create_generation(database, generation_request, seeds=())


@pytest.mark.parametrize('stored', ['{"a": 1}', '[1, "2"]', '[true]', 'not json'])
def test_damaged_seed_list_is_a_database_error(
	database: Database, generation_request: GenerationRequest, stored: str
) -> None:
	generation_id = create_generation(database, generation_request)
	with database.transaction() as session:
		session.execute(update(GenerationRow).where(GenerationRow.id == generation_id).values(seeds=stored))
	with pytest.raises(DatabaseError, match='stored seeds'), database.transaction() as session:
		database_service.get_generation(session, generation_id=generation_id)
