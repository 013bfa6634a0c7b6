"""0007_upscale: runs say their mode and an upscale its source. Rows of the previous version read as text to image,
a new run records the mode its request has, and the branch goes back down leaving History's search intact."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from localai_ui.database import Database, migrate
from localai_ui.database import crud as database_service
from localai_ui.database.engine import create_sqlite_engine
from localai_ui.schemas.generation import GenerationRequest

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
OLD_ROW = (
	'INSERT INTO generations (status, prompt, negative_prompt, model_name, sampler, schedule, steps, cfg_scale, width, '
	"height, seed, batch_count, batch_size, seeds, request_json, infotext, started_at) VALUES ('completed', "
	"'an old koi pond', '', 'tiny', 'Euler', 'Automatic', 20, 7, 512, 512, 1, 1, 1, '[1]', '{}', '', :now)"
)


def test_old_rows_are_text_to_image_and_new_runs_record_their_mode(tmp_path: Path) -> None:
	engine = create_sqlite_engine(tmp_path / 'old.sqlite3')
	migrate.upgrade(engine, '0003_history')
	with engine.begin() as connection:
		connection.execute(text(OLD_ROW), {'now': NOW.replace(tzinfo=None)})
	migrate.upgrade(engine)
	database = Database(engine)
	with database.transaction() as session:
		old = database_service.get_generation(session, generation_id=1)
		image_to_image = database_service.create_generation(
			session,
			request=GenerationRequest(prompt='koi', init_image='inputs/a.png'),
			model_name='tiny',
			model_hash=None,
			seeds=(5,),
			started_at=NOW,
		)
		recorded = database_service.record_upscale(
			session,
			upscaler='compact-x2',
			source='inputs/b.png',
			path='2026-11-29/upscale-1.png',
			width=128,
			height=96,
			request_json='{}',
			infotext='Postprocess upscale by: 2, Postprocess upscaler: compact-x2, Version: x',
			started_at=NOW,
			finished_at=NOW,
		)
		made = database_service.get_generation(session, generation_id=image_to_image)
		upscale = database_service.get_generation(session, generation_id=recorded.generation_id)
		[image] = database_service.list_images(session, generation_id=recorded.generation_id)
	assert old is not None and (old.mode, old.source) == ('txt2img', None)
	assert made is not None and (made.mode, made.source) == ('img2img', None)
	assert upscale is not None and (upscale.mode, upscale.source, upscale.status.value) == (
		'upscale',
		'inputs/b.png',
		'completed',
	)
	assert (image.id, image.path, image.width, image.height) == (recorded.image_id, '2026-11-29/upscale-1.png', 128, 96)
	migrate.downgrade(engine, '0003_history')
	with engine.connect() as connection:
		columns = {column['name'] for column in inspect(engine).get_columns('generations')}
		assert not {'mode', 'source'} & columns
		found = connection.execute(text("SELECT rowid FROM generations_fts WHERE generations_fts MATCH 'koi'")).all()
		assert len(found) == 2, 'the full-text search triggers survived the downgrade'
	engine.dispose()
