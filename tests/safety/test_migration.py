"""0010_safety: images say whether the checker flagged them; older images read unflagged; the branch goes down alone."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from localai_ui.database import Database, migrate
from localai_ui.database import crud as database_service
from localai_ui.database.engine import create_sqlite_engine
from localai_ui.schemas.history import HistoryFilters

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OLD_RUN = (
	'INSERT INTO generations (status, prompt, negative_prompt, model_name, sampler, schedule, steps, cfg_scale, width, '
	"height, seed, batch_count, batch_size, seeds, request_json, infotext, started_at) VALUES ('completed', "
	"'an old koi pond', '', 'tiny', 'Euler', 'Automatic', 20, 7, 512, 512, 1, 1, 1, '[1]', '{}', '', :now)"
)
OLD_IMAGE = (
	'INSERT INTO images (generation_id, path, seed, "index", width, height, created_at) '
	"VALUES (1, 'old.png', 1, 0, 512, 512, :now)"
)


def test_old_images_are_unflagged_and_new_flags_are_filtered(tmp_path: Path) -> None:
	engine = create_sqlite_engine(tmp_path / 'old.sqlite3')
	migrate.upgrade(engine, '0003_history')
	with engine.begin() as connection:
		connection.execute(text(OLD_RUN), {'now': NOW.replace(tzinfo=None)})
		connection.execute(text(OLD_IMAGE), {'now': NOW.replace(tzinfo=None)})
	migrate.upgrade(engine)
	database = Database(engine)
	with database.transaction() as session:
		database_service.add_image(
			session, generation_id=1, path='new.png', seed=2, index=1, width=64, height=64, created_at=NOW, flagged=True
		)
		flagged, _ = database_service.search_images(
			session, filters=HistoryFilters(flagged_only=True), limit=10, offset=0
		)
		every, _ = database_service.search_images(session, filters=HistoryFilters(), limit=10, offset=0)
	assert [(item.path, item.flagged) for item in flagged] == [('new.png', True)]
	assert sorted((item.path, item.flagged) for item in every) == [('new.png', True), ('old.png', False)]
	migrate.downgrade(engine, 'safety@0003_history')
	columns = {column['name'] for column in inspect(engine).get_columns('images')}
	assert 'flagged' not in columns and 'favourite' in columns
	engine.dispose()
