"""How a history query stays fast at a million runs: the FTS query with prefixes spelled out, date ranges as id ranges,
and which filter is rare enough to drive the search (0009_history_indexes made the indexes and the vocabulary table).
"""

import re
from datetime import datetime

from sqlalchemy import Boolean, ColumnElement, Integer, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from localai_ui.database.tables.generations import GenerationRow
from localai_ui.database.tables.history_search import FTS_TABLE
from localai_ui.database.types import UTCDateTime

MAX_TERMS = 16
WORD = re.compile(r'\w+')
PLAIN_WORD = re.compile(r'[a-z0-9]+')
MAX_SPELLED = 8  # a word that starts more longer words than this is searched as a prefix
RARE_RUNS = 1000  # a model, sampler or status of at most this many runs (with images) drives a text search
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


def _edge(session: Session, dates: list[ColumnElement[bool]], *, last: bool) -> int | None:
	"""The first (or `last`) run in start order inside the dates that is not late: a seek in the started_at index."""
	order = (
		(GenerationRow.started_at.desc(), GenerationRow.id.desc())
		if last
		else (GenerationRow.started_at, GenerationRow.id)
	)
	on_time = literal_column('+generations.started_late', Boolean()).is_(False)
	return session.scalar(select(GenerationRow.id).where(*dates, on_time).order_by(*order).limit(1))


def id_range(
	session: Session, started_from: datetime | None, started_before: datetime | None
) -> tuple[int, int] | None:
	"""The smallest and largest run id inside a date range of any width, (1, 0) when it holds no run, None without one.

	Runs not marked late (0013_history_started_late) are numbered in start order, so those in the range are the ids
	between its first and last one (two seeks); the late runs in it widen that by their own ids (a partial index).
	"""
	if started_from is None and started_before is None:
		return None
	dates = date_conditions(started_from, started_before)
	late = select(func.min(GenerationRow.id), func.max(GenerationRow.id)).where(
		GenerationRow.started_late.is_(True), *dates
	)
	late_low, late_high = session.execute(late).one()
	lows = [int(value) for value in (_edge(session, dates, last=False), late_low) if value is not None]
	highs = [int(value) for value in (_edge(session, dates, last=True), late_high) if value is not None]
	return (min(lows), max(highs)) if lows and highs else EMPTY_RANGE


def dates_to_check(
	session: Session, started_from: datetime | None, started_before: datetime | None, bounds: tuple[int, int] | None
) -> list[ColumnElement[bool]]:
	"""The date filters a run must still pass inside the id range `bounds` ('+column'): none when no late run lies in
	it, as every run in it then is one of the on-time runs between the range's first and last, all inside the dates."""
	dates = date_conditions(started_from, started_before, indexed=False)
	if not dates or bounds is None:
		return dates
	run_id = literal_column('+generations.id', Integer())  # not the table's key: the late runs' partial index leads
	late = select(GenerationRow.id).where(GenerationRow.started_late.is_(True), run_id.between(*bounds))
	return dates if session.scalar(late.limit(1)) is not None else []
