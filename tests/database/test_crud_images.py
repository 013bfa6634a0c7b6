"""Image rows: output order, cascade delete, unique paths and foreign keys enforced by SQLite."""

import pytest
from sqlalchemy import delete

from localai_ui.database import Database, DatabaseError
from localai_ui.database import crud as database_service
from localai_ui.database.tables.generations import GenerationRow
from localai_ui.schemas.generation import GenerationRequest
from tests.database.rows import STARTED, add_image, create_generation


def test_images_list_in_output_order(database: Database, generation_request: GenerationRequest) -> None:
	generation_id = create_generation(database, generation_request)
	add_image(database, generation_id, '2026-11-26/00002-42.png', index=1)
	add_image(database, generation_id, '2026-11-26/00001-41.png', index=0)
	with database.transaction() as session:
		images = database_service.list_images(session, generation_id=generation_id)
		assert database_service.list_images(session, generation_id=generation_id + 1) == []
	assert [(image.index, image.seed, image.path) for image in images] == [
		(0, 41, '2026-11-26/00001-41.png'),
		(1, 42, '2026-11-26/00002-42.png'),
	]
	assert images[0].generation_id == generation_id and images[0].created_at == STARTED
	assert (images[0].width, images[0].height) == (640, 384)


def test_deleting_a_generation_cascades_to_its_images(
	database: Database, generation_request: GenerationRequest
) -> None:
	kept = create_generation(database, generation_request)
	dropped = create_generation(database, generation_request)
	add_image(database, kept, 'kept.png')
	add_image(database, dropped, 'dropped.png')
	with database.transaction() as session:
		session.execute(delete(GenerationRow).where(GenerationRow.id == dropped))
	with database.transaction() as session:
		assert database_service.list_images(session, generation_id=dropped) == []
		assert [image.path for image in database_service.list_images(session, generation_id=kept)] == ['kept.png']


def test_image_of_unknown_generation_breaks_the_foreign_key(database: Database) -> None:
	with pytest.raises(DatabaseError, match='add_image failed.*FOREIGN KEY'):
		add_image(database, 12345, 'orphan.png')


def test_duplicate_image_path_is_refused_and_rolled_back(
	database: Database, generation_request: GenerationRequest
) -> None:
	generation_id = create_generation(database, generation_request)
	add_image(database, generation_id, 'same.png')
	with pytest.raises(DatabaseError, match='UNIQUE'):
		add_image(database, generation_id, 'same.png', index=1)
	with database.transaction() as session:
		assert len(database_service.list_images(session, generation_id=generation_id)) == 1


@pytest.mark.parametrize('path', ['', '/etc/passwd', '../outside.png', 'a/../../b.png', 'folder\\image.png'])
def test_image_paths_must_stay_inside_outputs(
	database: Database, generation_request: GenerationRequest, path: str
) -> None:
	generation_id = create_generation(database, generation_request)
	with pytest.raises(ValueError, match='relative to the outputs folder'):
		add_image(database, generation_id, path)
