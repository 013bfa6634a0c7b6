"""How a history query stays fast at a million runs: the FTS query with prefixes spelled out, date ranges as id ranges,
and which filter is rare enough to drive the search (0009_history_indexes made the indexes and the vocabulary table).
"""

import re
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from localai_ui.database.tables.generations import GenerationRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.database.types import UTCDateTime

MAX_TERMS = 16
WORD = re.compile(r'\w+')
PLAIN_WORD = re.compile(r'[a-z0-9]+')
MAX_SPELLED = 8  # a word that starts more longer words than this is searched as a prefix
RARE_RUNS = 1000  # a model, sampler or status of at most this many runs (with images) drives a text search
NARROW_RUNS = 50_000  # a date range of at most this many runs also bounds the run ids searched
# The words in the index that start with :word and are longer, one seek each in the instance vocabulary (whose first
# row for a word comes without reading the word's posting list, unlike the row vocabulary's counts).
LONGER_WORDS = text(
	f'WITH RECURSIVE longer(term, n) AS ('
	f'SELECT (SELECT term FROM {FTS_TABLE}_vocab WHERE term >= :word || char(1) AND term < :after LIMIT 1), 1 '
	f'UNION ALL SELECT (SELECT term FROM {FTS_TABLE}_vocab WHERE term >= longer.term || char(1) AND term < :after '
	f'LIMIT 1), n + 1 FROM longer WHERE term IS NOT NULL AND n < :most) '
	'SELECT term FROM longer WHERE term IS NOT NULL'
)
FTS = table(FTS_TABLE, column('rowid', Integer))
EMPTY_RANGE = (1, 0)


def _spelled(session: Session, word: str) -> str:
	"""`"word"*` as the words it starts, OR-ed: FTS5 then seeks instead of reading every run a common word is in."""
	if not PLAIN_WORD.fullmatch(word):
		return f'"{word}"*'  # the tokenizer folds accents and splits at '_': let it expand this one
	after = word[:-1] + chr(ord(word[-1]) + 1)
	longer = list(session.scalars(LONGER_WORDS, {'word': word, 'after': after, 'most': MAX_SPELLED + 1}))
	if len(longer) > MAX_SPELLED:
		return f'"{word}"*'
	spelled = ' OR '.join(f'"{term}"' for term in (word, *longer))
	return f'({spelled})' if longer else spelled


def match_query(session: Session, text: str) -> str | None:
	"""fts_query's meaning, written so a common word costs a seek rather than a read of its whole posting list."""
	words = WORD.findall(text.casefold())[:MAX_TERMS]
	return ' AND '.join(_spelled(session, word) for word in words) or None


def rare_filter(session: Session, conditions: list[ColumnElement[bool]], has_image: ColumnElement[bool]) -> bool:
	"""Whether one equality filter holds so few runs with a matching image that walking its index and checking each
	run's text (a probe of ~60 µs) beats walking the text hits; counts no further than RARE_RUNS + 1 per filter."""
	for condition in conditions:
		capped = select(GenerationRow.id).where(condition, has_image).limit(RARE_RUNS + 1).subquery()
		if (session.scalar(select(func.count()).select_from(capped)) or 0) <= RARE_RUNS:
			return True
	return False


def date_conditions(
	started_from: datetime | None, started_before: datetime | None, *, indexed: bool = True
) -> list[ColumnElement[bool]]:
	"""The date filters; not `indexed` ('+column'), so SQLite walks a better index than a wide range of start times."""
	started = GenerationRow.started_at if indexed else literal_column('+generations.started_at', UTCDateTime())
	conditions: list[ColumnElement[bool]] = []
	if started_from is not None:
		conditions.append(started >= started_from)
	if started_before is not None:
		conditions.append(started < started_before)
	return conditions


def _first_at(session: Session, when: datetime | None, otherwise: int) -> int | None:
	"""The id of the first run started at or after `when` (one seek): where a date range starts, if ids follow time."""
	if when is None:
		return otherwise
	query = select(GenerationRow.id).where(GenerationRow.started_at >= when).order_by(GenerationRow.started_at)
	return session.scalar(query.limit(1))


def id_range(
	session: Session, started_from: datetime | None, started_before: datetime | None
) -> tuple[int, int] | None:
	"""The smallest and largest run id inside a narrow date range, (1, 0) when it holds no run, None when it is wide.

	Runs are numbered in the order they start, so a narrow range is a short id range any index walk can seek to. Two
	seeks guess the range's size; only a range that looks narrow is read (at most NARROW_RUNS index entries).
	"""
	if started_from is None and started_before is None:
		return None
	top = session.scalar(select(func.max(GenerationRow.id))) or 0
	start = _first_at(session, started_from, 0)
	if start is None:
		return EMPTY_RANGE  # no run started at or after started_from
	end = _first_at(session, started_before, top + 1) or top + 1
	if end - start > 2 * NARROW_RUNS:
		return None
	inside = select(GenerationRow.id).where(*date_conditions(started_from, started_before))
	ids = inside.limit(NARROW_RUNS + 1).subquery().c.id
	row = session.execute(select(func.min(ids), func.max(ids), func.count(ids))).one()
	low, high, count = (int(value) if value is not None else 0 for value in row)
	if count > NARROW_RUNS:
		return None
	return (low, high) if count else EMPTY_RANGE
