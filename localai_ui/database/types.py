"""Column types SQLite lacks natively."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
	"""Stores aware datetimes as naive UTC (SQLite keeps no zone) and reads them back as aware UTC."""

	impl = DateTime
	cache_ok = True

	def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
		if value is None:
			return None
		if value.tzinfo is None or value.utcoffset() is None:
			raise ValueError(f'{value.isoformat()}: timestamps must be timezone-aware, e.g. datetime.now(UTC)')
		return value.astimezone(UTC).replace(tzinfo=None)

	def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
		return None if value is None else value.replace(tzinfo=UTC)
