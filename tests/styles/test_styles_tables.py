"""The styles table: its own migration branch, a unique name, and typed errors from the CRUD functions."""

import pytest
from sqlalchemy import inspect

from localai_ui.database import Database, DatabaseError, RecordNotFoundError, migrate
from localai_ui.database import crud as database_service
from localai_ui.schemas.styles import StyleText
from tests.styles.conftest import NOW


def test_styles_branch_goes_down_and_up_on_its_own(styles_database: Database) -> None:
	engine = styles_database.engine
	assert [unique['column_names'] for unique in inspect(engine).get_unique_constraints('styles')] == [
		['builtin_key'],
		['name'],
	]
	migrate.downgrade(engine, 'styles@-1')
	tables = set(inspect(engine).get_table_names())
	assert 'styles' not in tables and {'generations', 'images'} <= tables
	migrate.upgrade(engine)
	assert 'styles' in inspect(engine).get_table_names()


def test_names_are_unique(styles_database: Database) -> None:
	with styles_database.transaction() as session:
		database_service.add_style(session, text=StyleText('A', 'a', ''), now=NOW)
	with pytest.raises(DatabaseError, match='add_style failed'), styles_database.transaction() as session:
		database_service.add_style(session, text=StyleText('A', 'b', ''), now=NOW)


def test_unknown_ids_are_typed_errors(styles_database: Database) -> None:
	with pytest.raises(RecordNotFoundError, match='style 7 does not exist'), styles_database.transaction() as session:
		database_service.delete_style(session, style_id=7)
	with pytest.raises(RecordNotFoundError), styles_database.transaction() as session:
		database_service.update_style(session, style_id=7, text=StyleText('A', '', ''), now=NOW)


def test_user_styles_never_carry_a_builtin_hash(styles_database: Database) -> None:
	with styles_database.transaction() as session:
		added = database_service.add_style(session, text=StyleText('A', 'a', ''), now=NOW)
		updated = database_service.update_style(session, style_id=added.id, text=added.text, now=NOW, builtin_hash='x')
	assert updated.builtin_hash is None and not updated.builtin
