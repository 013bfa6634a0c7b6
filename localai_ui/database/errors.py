"""Typed errors of the history database, raised instead of the driver's own exceptions."""

import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from localai_ui.schemas.disk_full import DiskFullError
from localai_ui.schemas.errors import LocalAIError

P = ParamSpec('P')
R = TypeVar('R')
SQLITE_FULL_TEXT = 'database or disk is full'


class DatabaseError(LocalAIError):
	"""The history database failed (locked, full, corrupt, or a constraint was broken)."""


class RecordNotFoundError(DatabaseError):
	"""A row the caller named by id does not exist."""


def database_error(error: SQLAlchemyError, database: str | None, what: str) -> LocalAIError:
	"""The typed error for a driver error (`what` starts its message); a full disk says only that, with the room
	left in the data folder and no SQL."""
	if SQLITE_FULL_TEXT in str(error):
		folder = Path(database).parent if database else Path('.')
		try:
			free: int | None = shutil.disk_usage(folder).free
		except OSError:
			free = None
		return DiskFullError(folder, free)
	return DatabaseError(f'{what}{error}')


def driver_errors(query: Callable[P, R]) -> Callable[P, R]:
	"""Re-raise SQLAlchemy's exceptions as DatabaseError (DiskFullError when full) so callers handle typed errors."""

	@functools.wraps(query)
	def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
		try:
			return query(*args, **kwargs)
		except SQLAlchemyError as error:
			session = next((value for value in (*args, *kwargs.values()) if isinstance(value, Session)), None)
			bind = session.get_bind() if session is not None else None
			database = bind.engine.url.database if bind is not None else None
			raise database_error(error, database, f'history database: {query.__name__} failed: ') from error

	return wrapper
