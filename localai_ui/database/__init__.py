"""The app's SQLite database: engine, typed tables, Alembic migrations, and every query behind one door (`crud`)."""

from localai_ui.database.engine import Database, open_database
from localai_ui.database.errors import DatabaseError, RecordNotFoundError

__all__ = ['Database', 'DatabaseError', 'RecordNotFoundError', 'open_database']
