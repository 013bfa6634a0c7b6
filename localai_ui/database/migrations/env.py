"""Alembic entry point; it only runs through localai_ui.database.migrate, which supplies the connection."""

from alembic import context
from sqlalchemy import Connection

from localai_ui.database.migrate import CONNECTION_KEY, render_item
from localai_ui.database.tables import Base
from localai_ui.database.tables.history_search import include_name

connection = context.config.attributes.get(CONNECTION_KEY)
if not isinstance(connection, Connection):
	raise RuntimeError('run migrations with localai_ui.database.migrate.upgrade(engine), not the alembic command')
context.configure(
	connection=connection,
	target_metadata=Base.metadata,
	render_as_batch=True,
	render_item=render_item,
	include_name=include_name,
)
with context.begin_transaction():
	context.run_migrations()
