"""The history branch's schema parts that are no ORM table: the FTS5 index over prompts (made by 0003_history).

The favourite, thumbnail and missing-file columns live on ImageRow in tables.py; the migration adds them.
"""

FTS_TABLE = 'generations_fts'


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
	"""Leave the FTS5 table and its shadow tables (generations_fts_data, ...) out of schema comparisons."""
	return not (type_ == 'table' and name is not None and name.startswith(FTS_TABLE))
