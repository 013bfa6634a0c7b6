"""The SQLite engine: pragmas on every connection, WAL checked, schema migrated on open."""

import importlib
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from localai_ui.database.errors import DatabaseError, database_error
from localai_ui.database.schema_heads import newest_stored, stored_heads

BUSY_TIMEOUT_MS = 5000
MIGRATIONS_MODULE = 'localai_ui.database.migrate'  # Alembic: imported only when a migration is due
Upgrade = Callable[[Engine, Path], None]


class Database:
	"""An open history database; every unit of work goes through transaction()."""

	def __init__(self, engine: Engine) -> None:
		self.engine = engine
		self._sessions = sessionmaker(bind=engine, expire_on_commit=False)

	@contextmanager
	def transaction(self) -> Generator[Session]:
		"""Yield a session that commits when the block ends and rolls back if it raises."""
		try:
			with self._sessions.begin() as session:
				yield session
		except SQLAlchemyError as error:
			raise database_error(error, self.engine.url.database, 'history database: ') from error

	def close(self) -> None:
		"""Close every pooled connection; the file stays consistent (WAL is checkpointed by SQLite)."""
		self.engine.dispose()


def _configure_connection(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
	cursor = dbapi_connection.cursor()
	try:
		cursor.execute('PRAGMA foreign_keys=ON')
		cursor.execute(f'PRAGMA busy_timeout={BUSY_TIMEOUT_MS}')
		cursor.execute('PRAGMA journal_mode=WAL')
		row = cursor.fetchone()
	finally:
		cursor.close()
	mode = str(row[0]).lower() if row else None
	if mode != 'wal':
		raise DatabaseError(
			f'history database: journal_mode is {mode!r}, not WAL; keep the data folder on a local disk'
		)


def _begin(connection: Connection) -> None:
	# pysqlite's own BEGIN handling is off (isolation_level=None), so SQLAlchemy's transactions, DDL included, are real.
	# IMMEDIATE takes the write lock up front: a read-then-write transaction can then never fail with "database is
	# locked" because another thread committed in between (it waits up to busy_timeout instead).
	connection.exec_driver_sql('BEGIN IMMEDIATE')


def create_sqlite_engine(path: Path) -> Engine:
	"""An engine on the SQLite file at path with the pragmas applied to every new connection."""
	url = URL.create('sqlite', database=str(path))
	engine = create_engine(url, connect_args={'isolation_level': None})
	event.listen(engine, 'connect', _configure_connection)
	event.listen(engine, 'begin', _begin)
	return engine


def open_database(path: Path) -> Database:
	"""Open (or create) the database at path and migrate it to the newest schema. Alembic is loaded only when the
	stored revisions are not this code's heads (a new file, an older schema, a newer one it refuses)."""
	path.parent.mkdir(parents=True, exist_ok=True)
	engine = create_sqlite_engine(path)
	try:
		if stored_heads(engine) != newest_stored():
			upgrade = cast(Upgrade, importlib.import_module(MIGRATIONS_MODULE).upgrade_at_open)
			upgrade(engine, path)
	except BaseException as error:
		engine.dispose()
		if isinstance(error, SQLAlchemyError):
			raise database_error(error, str(path), f'history database {path}: ') from error
		raise
	return Database(engine)
