"""What the history search tests share: every page of a search, and the query plans one first page runs."""

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, event

from localai_ui.database import Database
from localai_ui.database.crud.history_search import search_images
from localai_ui.schemas.history import HistoryFilters


def pages(database: Database, filters: HistoryFilters, size: int, *, by_cursor: bool) -> Iterator[list[int]]:
	"""Every page of `filters`, reached by offsets or, like Next, by the previous page's last image."""
	offset, after, more = 0, None, True
	while more:
		with database.transaction() as session:
			items, more = search_images(
				session,
				filters=filters,
				limit=size,
				offset=0 if by_cursor else offset,
				after=after if by_cursor else None,
			)
		yield [item.image_id for item in items]
		offset += size
		after = (items[-1].generation_id, items[-1].image_id) if items else None


def query_plans(database: Database, filters: HistoryFilters) -> str:
	"""EXPLAIN QUERY PLAN of every SELECT one first page of `filters` runs, as one text."""
	statements: list[tuple[str, tuple[object, ...]]] = []

	def record(
		_connection: Connection, _cursor: object, statement: str, parameters: Sequence[object], *_: object
	) -> None:
		statements.append((statement, tuple(parameters)))

	event.listen(database.engine, 'before_cursor_execute', record)
	try:
		with database.transaction() as session:
			search_images(session, filters=filters, limit=48, offset=0)
	finally:
		event.remove(database.engine, 'before_cursor_execute', record)
	with database.engine.connect() as connection:
		plans = [
			str(row[3])
			for statement, parameters in statements
			if statement.lstrip().upper().startswith(('SELECT', 'WITH'))
			for row in connection.exec_driver_sql(f'EXPLAIN QUERY PLAN {statement}', parameters)
		]
	return '\n'.join(plans)
