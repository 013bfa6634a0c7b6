"""The migrations build exactly the schema tables.py declares, and run in code with no alembic.ini."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata, produce_migrations, render_python_code
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from localai_ui.database import Database, DatabaseError, migrate, open_database
from localai_ui.database.engine import create_sqlite_engine
from localai_ui.database.migrate import MIGRATIONS_DIR, render_item
from localai_ui.database.tables import Base
from localai_ui.database.tables.history_search import include_name


def test_migrated_schema_equals_tables(database: Database) -> None:
	with database.engine.connect() as connection:
		context = MigrationContext.configure(connection, opts={'include_name': include_name})
		assert compare_metadata(context, Base.metadata) == []


def test_schema_has_indexes_cascade_and_unique_path(database: Database) -> None:
	inspector = inspect(database.engine)
	assert {index['name'] for index in inspector.get_indexes('generations')} == {
		'ix_generations_started_at',
		'ix_generations_status',
		'ix_generations_model_name',
		'ix_generations_sampler',
		'ix_generations_started_late',
		'ix_generations_no_images',
		'ix_generations_many_images',
	}
	images = sorted(index['column_names'] for index in inspector.get_indexes('images'))
	assert images == [['favourite', 'generation_id'], ['generation_id'], ['generation_id']]  # one only of flagged ones
	[foreign_key] = inspector.get_foreign_keys('images')
	assert foreign_key['referred_table'] == 'generations'
	assert foreign_key.get('options', {}).get('ondelete') == 'CASCADE'
	assert [unique['column_names'] for unique in inspector.get_unique_constraints('images')] == [['path']]


def test_downgrade_to_base_then_upgrade_again(database: Database) -> None:
	migrate.downgrade(database.engine, 'base')
	assert set(inspect(database.engine).get_table_names()) == {'alembic_version'}
	migrate.upgrade(database.engine)
	assert {'generations', 'images'} <= set(inspect(database.engine).get_table_names())


def test_migrations_ship_inside_the_package() -> None:
	assert (MIGRATIONS_DIR / 'env.py').is_file()
	assert (MIGRATIONS_DIR / 'script.py.mako').is_file()
	assert (MIGRATIONS_DIR / 'versions' / '0001_initial.py').is_file()


def test_env_refuses_to_run_without_a_connection() -> None:
	config = Config()
	config.set_main_option('script_location', str(MIGRATIONS_DIR))
	config.set_main_option('path_separator', 'os')
	with pytest.raises(RuntimeError, match='migrate.upgrade'):
		command.upgrade(config, 'head')


def test_autogenerate_writes_timestamps_as_plain_datetime(tmp_path: Path) -> None:
	engine = create_sqlite_engine(tmp_path / 'empty.sqlite')
	with engine.connect() as connection:
		context = MigrationContext.configure(connection, opts={'render_item': render_item})
		upgrade_ops = produce_migrations(context, Base.metadata).upgrade_ops
	assert upgrade_ops is not None
	code = render_python_code(upgrade_ops, render_item=render_item)
	engine.dispose()
	assert "sa.Column('started_at', sa.DateTime(), nullable=False)" in code
	assert 'UTCDateTime' not in code


def test_database_from_a_newer_version_is_refused_with_a_hint(tmp_path: Path) -> None:
	path = tmp_path / 'history.sqlite'
	database = open_database(path)
	with database.transaction() as session:
		session.execute(
			text(
				"UPDATE alembic_version SET version_num = '9999_future' WHERE rowid = (SELECT min(rowid) FROM alembic_version)"
			)
		)
	database.close()
	with pytest.raises(DatabaseError, match='newer LocalAI UI'):
		open_database(path)
