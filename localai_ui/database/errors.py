"""Typed errors of the history database, raised instead of the driver's own exceptions."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from localai_ui.schemas.errors import LocalAIError

P = ParamSpec('P')
R = TypeVar('R')


class DatabaseError(LocalAIError):
	"""The history database failed (locked, full, corrupt, or a constraint was broken)."""


class RecordNotFoundError(DatabaseError):
	"""A row the caller named by id does not exist."""


def driver_errors(query: Callable[P, R]) -> Callable[P, R]:
	"""Re-raise SQLAlchemy's exceptions as DatabaseError so callers handle one typed error."""

	@functools.wraps(query)
	def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
		try:
			return query(*args, **kwargs)
		except SQLAlchemyError as error:
			raise DatabaseError(f'history database: {query.__name__} failed: {error}') from error

	return wrapper
