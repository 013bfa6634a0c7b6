"""The history database: SQLite engine, typed tables, Alembic migrations and CRUD functions."""

from localai_ui.database.engine import Database, open_database
from localai_ui.database.errors import DatabaseError, RecordNotFoundError

__all__ = ['Database', 'DatabaseError', 'RecordNotFoundError', 'open_database']
