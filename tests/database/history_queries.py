"""What the history search tests share: every page of a search, the query plans one first page runs, and the
filters as one plain SQL query to compare with."""

from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import product

from sqlalchemy import Connection, event, text

from localai_ui.database import Database
from localai_ui.database.crud.history_search import fts_query, search_images
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus


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


def query_plans(database: Database, filters: HistoryFilters, offset: int = 0) -> str:
	"""EXPLAIN QUERY PLAN of every SELECT one page of `filters` (the first unless `offset`) runs, as one text."""
	statements: list[tuple[str, tuple[object, ...]]] = []

	def record(
		_connection: Connection, _cursor: object, statement: str, parameters: Sequence[object], *_: object
	) -> None:
		statements.append((statement, tuple(parameters)))

	event.listen(database.engine, 'before_cursor_execute', record)
	try:
		with database.transaction() as session:
			search_images(session, filters=filters, limit=48, offset=offset)
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


def plain_ids(database: Database, filters: HistoryFilters) -> list[int]:
	"""The filters as one plain SQL query, newest run first: no index choice, no id range, no cursor."""
	where, values = ['1'], dict[str, object]()
	match = fts_query(filters.text)
	if match is not None:
		where.append('g.id IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH :match)')
		values['match'] = match
	for name, value in (('model_name', filters.model), ('sampler', filters.sampler)):
		if value is not None:
			where.append(f'g.{name} = :{name}')
			values[name] = value
	if filters.status is not None:
		where.append('g.status = :status')
		values['status'] = filters.status.value
	where += ['i.favourite = 1'] if filters.favourites_only else []
	where += ['i.flagged = 1'] if filters.flagged_only else []
	for name, when, operator in (('since', filters.started_from, '>='), ('until', filters.started_before, '<')):
		if when is not None:
			where.append(f'g.started_at {operator} :{name}')
			values[name] = when.replace(tzinfo=None).isoformat(' ', 'microseconds')
	query = (
		'SELECT i.id FROM images i JOIN generations g ON g.id = i.generation_id '
		f'WHERE {" AND ".join(where)} ORDER BY g.id DESC, i.id DESC'
	)
	with database.engine.connect() as connection:
		return [int(row[0]) for row in connection.execute(text(query), values)]


def filter_grid(dates: Sequence[tuple[datetime | None, datetime | None]]) -> list[HistoryFilters]:
	"""Every combination of text, model, sampler, status, favourites, flagged and the given date ranges (576 with six
	ranges) over the shared test rows' values."""
	return [
		HistoryFilters(
			text=words,
			model=model,
			sampler=sampler,
			status=status,
			favourites_only=favourites,
			flagged_only=flagged,
			started_from=since,
			started_before=until,
		)
		for words, model, sampler, status, favourites, flagged, (since, until) in product(
			('', 'dragon', 'ow'),
			(None, 'alpha'),
			(None, 'DDIM'),
			(None, RunStatus.COMPLETED),
			(False, True),
			(False, True),
			dates,
		)
	]
